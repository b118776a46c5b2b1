using Mediator;
using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Common;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Vehicles.GetVehicleAttributes;

/// <summary>The current user's connections, each with its vehicles' make, model and year.</summary>
public sealed record GetVehicleAttributes : IQuery<VehicleOverview>;

public sealed record VehicleOverview(IReadOnlyList<ConnectionVehicles> Connections)
{
    public bool IsEmpty => Connections.Count == 0;
}

/// <summary>One connection's vehicles, or why they cannot be shown until the user connects again.</summary>
public sealed record ConnectionVehicles(
    Guid ConnectionId,
    DateTimeOffset ConnectedAt,
    DateTimeOffset RenewBy,
    IReadOnlyList<VehicleAttributes> Vehicles,
    bool ReconnectNeeded);

internal sealed class GetVehicleAttributesHandler(
    IApplicationDbContext db,
    ICurrentUser user,
    ISmartcarApi api,
    AccessTokens accessTokens) : IQueryHandler<GetVehicleAttributes, VehicleOverview>
{
    public async ValueTask<VehicleOverview> Handle(GetVehicleAttributes query, CancellationToken cancellationToken)
    {
        var connections = await db.Connections
            .Where(c => c.OwnerId == user.Id)
            .OrderBy(c => c.ConnectedAt)
            .ToListAsync(cancellationToken);

        var result = new List<ConnectionVehicles>();
        foreach (var connection in connections)
        {
            result.Add(await LoadAsync(connection, cancellationToken));
        }

        return new VehicleOverview(result);
    }

    private async Task<ConnectionVehicles> LoadAsync(Connection connection, CancellationToken cancellationToken)
    {
        var token = await accessTokens.ForAsync(connection, cancellationToken);
        if (token is null)
        {
            return ReconnectNeeded(connection);
        }

        try
        {
            var ids = await api.ListVehicleIdsAsync(token, cancellationToken);
            var vehicles = await Task.WhenAll(ids.Select(id => api.GetAttributesAsync(token, id, cancellationToken)));
            return new ConnectionVehicles(connection.Id, connection.ConnectedAt, RenewBy(connection), vehicles, ReconnectNeeded: false);
        }
        catch (SmartcarApiException e) when (e.IsAuthentication)
        {
            // Smartcar no longer accepts this connection's token (revoked or disconnected elsewhere).
            await accessTokens.MarkReconnectNeededAsync(connection, cancellationToken);
            return ReconnectNeeded(connection);
        }
    }

    private static ConnectionVehicles ReconnectNeeded(Connection connection) =>
        new(connection.Id, connection.ConnectedAt, RenewBy(connection), [], ReconnectNeeded: true);

    // Without a refresh before this instant the refresh token lapses and the user must connect again.
    private static DateTimeOffset RenewBy(Connection connection) => connection.Tokens.RefreshTokenExpiresAt;
}
