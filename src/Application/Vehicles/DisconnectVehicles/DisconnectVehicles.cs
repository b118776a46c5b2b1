using Mediator;
using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Common;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Tokens;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Vehicles.DisconnectVehicles;

/// <summary>
/// Disconnects one of the current user's vehicles, or all of them (<see cref="VehicleId"/> null): Smartcar revokes
/// the app's access, then the app forgets the vehicle, and the connection with its tokens once it reaches none.
/// </summary>
public sealed record DisconnectVehicles(string? VehicleId) : ICommand<CommandOutcome>;

internal sealed class DisconnectVehiclesHandler(
    IApplicationDbContext db,
    ICurrentUser user,
    AccessTokens accessTokens,
    ISmartcarApi api) : ICommandHandler<DisconnectVehicles, CommandOutcome>
{
    public async ValueTask<CommandOutcome> Handle(DisconnectVehicles command, CancellationToken cancellationToken)
    {
        var connections = await db.Connections.Where(c => c.OwnerId == user.Id).ToListAsync(cancellationToken);
        var targets = connections
            .SelectMany(c => c.Vehicles.Select(v => (Connection: c, VehicleId: v.SmartcarVehicleId)))
            .Where(t => command.VehicleId is null || t.VehicleId == command.VehicleId)
            .ToList();
        if (command.VehicleId is not null && targets.Count == 0)
        {
            return new CommandOutcome(false, "This is not one of your vehicles.", NotFound: true);
        }

        var forgottenHereOnly = 0;
        var disconnected = 0;
        foreach (var (connection, vehicleId) in targets)
        {
            // Unreadable tokens (a lost key ring) cannot be sent to Smartcar: the car is forgotten here all the same.
            if (connection.Tokens.AreUnreadable)
            {
                forgottenHereOnly++;
            }
            else if (await RevokeAtSmartcarAsync(connection, vehicleId, cancellationToken) is { } failure)
            {
                // Smartcar could not end the access (unreachable, rate limit, outage): this car and the ones after it
                // stay, so the user can try again; the ones already disconnected are gone.
                await db.SaveChangesAsync(cancellationToken);
                return new CommandOutcome(false, NotDisconnected(disconnected, failure));
            }

            disconnected++;

            if (connection.RemoveVehicle(vehicleId))
            {
                db.Connections.Remove(connection);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new CommandOutcome(true, Message(targets.Count, forgottenHereOnly));
    }

    private static string Message(int disconnected, int forgottenHereOnly) => (disconnected, forgottenHereOnly) switch
    {
        (1, 1) => $"Your car was removed from this app only: {NotToldWhy(1)}",
        (1, _) => "Your car was disconnected.",
        (_, 0) => $"{disconnected} cars were disconnected.",
        (_, 1) => $"{disconnected} cars were disconnected. 1 of them was removed from this app only: {NotToldWhy(1)}",
        _ => $"{disconnected} cars were disconnected. {forgottenHereOnly} of them were removed from this app only: {NotToldWhy(forgottenHereOnly)}",
    };

    private static string NotToldWhy(int cars) =>
        $"the app could no longer read its stored access to {(cars == 1 ? "it" : "them")}, so Smartcar was not asked to end that access.";

    private static string NotDisconnected(int disconnected, SmartcarApiException failure) => disconnected switch
    {
        0 => $"Nothing was disconnected. {SmartcarErrorMessages.For(failure)}",
        1 => $"1 car was disconnected, the others were not. {SmartcarErrorMessages.For(failure)}",
        _ => $"{disconnected} cars were disconnected, the others were not. {SmartcarErrorMessages.For(failure)}",
    };

    /// <returns>Null when Smartcar ended the access or has none left to end; otherwise why it could not.</returns>
    private async Task<SmartcarApiException?> RevokeAtSmartcarAsync(Connection connection, string vehicleId, CancellationToken cancellationToken)
    {
        try
        {
            // A connection Smartcar no longer honours has nothing left to revoke: the user still wants the car gone here.
            if (await accessTokens.ForAsync(connection, cancellationToken) is not { } token)
            {
                return null;
            }

            await api.DisconnectAsync(token, vehicleId, cancellationToken);
            return null;
        }
        catch (SmartcarApiException e) when (e.RequiresReconnect || e.Type is "PERMISSION" or "RESOURCE_NOT_FOUND")
        {
            return null;
        }
        catch (SmartcarApiException e)
        {
            return e;
        }
    }
}
