using Mediator;
using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Flows;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Tokens;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Vehicles.DisconnectVehicles;

/// <summary>
/// Disconnects one of the current user's vehicles, or all of their classic ones (<see cref="VehicleId"/> null): Smartcar
/// revokes the app's access, then the app forgets the vehicle, and the connection with its tokens once it reaches none.
/// A car of a server-side link is disconnected alone, through its Smartcar connection (<c>DELETE /v3/connections/{id}</c>);
/// the link's other cars stay.
/// </summary>
public sealed record DisconnectVehicles(string? VehicleId) : ICommand<DisconnectVehiclesOutcome>;

/// <summary>What became of the cars: one of the cases below and nothing else.</summary>
public abstract record DisconnectVehiclesOutcome
{
    private DisconnectVehiclesOutcome()
    {
    }

    /// <summary>
    /// Every car asked for is gone: <see cref="Cars"/> in all, of which <see cref="ForgottenHereOnly"/> were removed from
    /// this app only (their stored access could no longer be read, so Smartcar was not asked to end it).
    /// </summary>
    public sealed record Disconnected(int Cars, int ForgottenHereOnly) : DisconnectVehiclesOutcome;

    /// <summary>Not one of this user's vehicles.</summary>
    public sealed record NotFound : DisconnectVehiclesOutcome;

    /// <summary>
    /// Smartcar could not end one car's access: the cars before it (<see cref="CarsDisconnected"/>) are gone, it and the
    /// ones after it stay, so the user can try again.
    /// </summary>
    public sealed record Stopped(int CarsDisconnected, SmartcarProblem Problem) : DisconnectVehiclesOutcome;
}

internal sealed class DisconnectVehiclesHandler(
    IApplicationDbContext db,
    ICurrentUser user,
    AccessTokens accessTokens,
    ISmartcarApi api,
    VehicleAccess access) : ICommandHandler<DisconnectVehicles, DisconnectVehiclesOutcome>
{
    public async ValueTask<DisconnectVehiclesOutcome> Handle(DisconnectVehicles command, CancellationToken cancellationToken)
    {
        var connections = await db.Connections.Where(c => c.OwnerId == user.Id).ToListAsync(cancellationToken);
        var targets = connections
            .SelectMany(c => c.Vehicles.Select(v => (Connection: c, VehicleId: v.SmartcarVehicleId)))
            .Where(t => command.VehicleId is null || t.VehicleId == command.VehicleId)
            .ToList();
        if (command.VehicleId is not null && targets.Count == 0)
        {
            return await DisconnectServerSideAsync(command.VehicleId, cancellationToken);
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
                return new DisconnectVehiclesOutcome.Stopped(disconnected, new SmartcarProblem.Refused(failure));
            }

            disconnected++;

            if (connection.RemoveVehicle(vehicleId))
            {
                db.Connections.Remove(connection);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new DisconnectVehiclesOutcome.Disconnected(targets.Count, forgottenHereOnly);
    }

    // Not a car of a classic connection: a server-side link's car, or none of the user's.
    private async Task<DisconnectVehiclesOutcome> DisconnectServerSideAsync(string vehicleId, CancellationToken cancellationToken)
    {
        if (await access.OpenAsync(vehicleId, cancellationToken) is not VehicleOpening.Open { Vehicle: ServerSideVehicle car })
        {
            return new DisconnectVehiclesOutcome.NotFound();
        }

        return await car.DisconnectAsync(cancellationToken) is { } problem
            ? new DisconnectVehiclesOutcome.Stopped(0, problem)
            : new DisconnectVehiclesOutcome.Disconnected(1, 0);
    }

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
