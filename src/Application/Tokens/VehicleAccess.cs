using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Ports;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Tokens;

/// <summary>Finds the current user's connection that reaches a vehicle, and a good access token for it.</summary>
internal sealed class VehicleAccess(IApplicationDbContext db, ICurrentUser user, AccessTokens accessTokens)
{
    /// <returns>Null when the vehicle is not one of the user's; otherwise the connection and a token (null: reconnect needed).</returns>
    public async Task<(Connection Connection, string? AccessToken)?> ForAsync(string vehicleId, CancellationToken cancellationToken)
    {
        var connection = await db.Connections
            .Where(c => c.OwnerId == user.Id && c.Vehicles.Any(v => v.SmartcarVehicleId == vehicleId))
            .OrderByDescending(c => c.ConnectedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return connection is null ? null : (connection, await accessTokens.ForAsync(connection, cancellationToken));
    }

    /// <summary>Smartcar no longer accepts the connection's token: remember it, so the user is asked to reconnect.</summary>
    public Task MarkReconnectNeededAsync(Connection connection, CancellationToken cancellationToken) =>
        accessTokens.MarkReconnectNeededAsync(connection, cancellationToken);
}
