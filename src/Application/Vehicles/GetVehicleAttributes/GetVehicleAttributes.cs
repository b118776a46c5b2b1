using Mediator;
using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Ports;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Vehicles.GetVehicleAttributes;

/// <summary>
/// The current user's connections, each with its vehicles' make, model and year as stored when they were connected or
/// last refreshed (<see cref="RefreshVehicleAttributes.RefreshVehicleAttributes"/>). Costs no call to Smartcar, however
/// many cars there are.
/// </summary>
public sealed record GetVehicleAttributes : IQuery<VehicleOverview>;

public sealed record VehicleOverview(IReadOnlyList<ConnectionVehicles> Connections)
{
    public bool IsEmpty => Connections.Count == 0;
}

/// <summary>
/// One connection's vehicles. A classic connection lasts while its refresh token does (<see cref="RenewBy"/>); a
/// server-side one (<see cref="ConnectFlow.ServerSide"/>) has no user tokens to renew. <see cref="ListedAt"/>: when
/// Smartcar last listed them; null when it could not yet (server-side, Smartcar did not answer at connect time).
/// </summary>
public sealed record ConnectionVehicles(
    Guid ConnectionId,
    ConnectFlow Flow,
    DateTimeOffset ConnectedAt,
    DateTimeOffset? RenewBy,
    IReadOnlyList<ListedVehicle> Vehicles,
    bool ReconnectNeeded,
    DateTimeOffset? ListedAt)
{
    /// <summary>Cars whose make, model and year could not be read yet; a refresh tries again.</summary>
    public int NotReadYet => Vehicles.Count(v => v.Description is null);
}

/// <summary>A vehicle as stored: <see cref="Description"/> is null while its make, model and year are not read yet.</summary>
public sealed record ListedVehicle(string Id, VehicleDescription? Description);

internal sealed class GetVehicleAttributesHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider time)
    : IQueryHandler<GetVehicleAttributes, VehicleOverview>
{
    public async ValueTask<VehicleOverview> Handle(GetVehicleAttributes query, CancellationToken cancellationToken)
    {
        var connections = await db.Connections.AsNoTracking().Where(c => c.OwnerId == user.Id).ToListAsync(cancellationToken);
        var links = await db.SmartcarUserLinks.AsNoTracking().Where(l => l.OwnerId == user.Id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();

        // A connection that needs a reconnect is known from what is stored: its flag, unreadable tokens, or a refresh
        // token past its 60 days. Its cars are not shown until it is connected again.
        var classic = connections.Select(c => new ConnectionVehicles(
            c.Id,
            ConnectFlow.Classic,
            c.ConnectedAt,
            c.Tokens.RefreshTokenExpiresAt,
            c.NeedsReconnect(now) ? [] : [.. c.Vehicles.Select(v => new ListedVehicle(v.SmartcarVehicleId, v.Description))],
            ReconnectNeeded: c.NeedsReconnect(now),
            c.VehiclesListedAt));
        var serverSide = links.Select(l => new ConnectionVehicles(
            l.Id,
            ConnectFlow.ServerSide,
            l.LinkedAt,
            RenewBy: null,
            [.. l.Vehicles.Select(v => new ListedVehicle(v.SmartcarVehicleId, v.Description))],
            ReconnectNeeded: false,
            l.VehiclesListedAt));
        return new VehicleOverview([.. classic.Concat(serverSide).OrderBy(c => c.ConnectedAt)]);
    }
}
