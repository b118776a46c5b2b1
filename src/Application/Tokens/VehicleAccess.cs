using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Ports;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Tokens;

/// <summary>Finds the current user's connection that reaches a vehicle, and a good access token for it.</summary>
internal sealed class VehicleAccess(IApplicationDbContext db, ICurrentUser user, AccessTokens accessTokens)
{
    /// <summary>The vehicle, if it is one of the user's, with an access token renewed when it is due.</summary>
    public async Task<VehicleOpening> OpenAsync(string vehicleId, CancellationToken cancellationToken)
    {
        var connection = await db.Connections
            .Where(c => c.OwnerId == user.Id && c.Vehicles.Any(v => v.SmartcarVehicleId == vehicleId))
            .OrderByDescending(c => c.ConnectedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (connection is null)
        {
            return new VehicleOpening.NotFound();
        }

        try
        {
            return await accessTokens.ForAsync(connection, cancellationToken) is { } token
                ? new VehicleOpening.Open(connection, token)
                : new VehicleOpening.ReconnectNeeded();
        }
        catch (SmartcarApiException e)
        {
            return new VehicleOpening.Unavailable(e);
        }
    }

    /// <summary>Smartcar no longer accepts the connection's token: remember it, so the user is asked to reconnect.</summary>
    public Task MarkReconnectNeededAsync(Connection connection, CancellationToken cancellationToken) =>
        accessTokens.MarkReconnectNeededAsync(connection, cancellationToken);
}
