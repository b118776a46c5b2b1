using Mediator;
using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Common;
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

        foreach (var (connection, vehicleId) in targets)
        {
            await RevokeAtSmartcarAsync(connection, vehicleId, cancellationToken);
            if (connection.RemoveVehicle(vehicleId))
            {
                db.Connections.Remove(connection);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new CommandOutcome(true, targets.Count == 1 ? "Your car was disconnected." : $"{targets.Count} cars were disconnected.");
    }

    // A connection Smartcar no longer honours has nothing left to revoke: the user still wants the car gone here.
    private async Task RevokeAtSmartcarAsync(Connection connection, string vehicleId, CancellationToken cancellationToken)
    {
        if (await accessTokens.ForAsync(connection, cancellationToken) is not { } token)
        {
            return;
        }

        try
        {
            await api.DisconnectAsync(token, vehicleId, cancellationToken);
        }
        catch (SmartcarApiException e) when (e.RequiresReconnect || e.Type is "PERMISSION" or "RESOURCE_NOT_FOUND")
        {
        }
    }
}
