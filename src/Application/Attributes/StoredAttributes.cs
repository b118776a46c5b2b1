using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Ports;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Attributes;

/// <summary>
/// The one way to read what was stored about a vehicle (make, model, year, powertrain), in either flow, without asking
/// Smartcar: the vehicle list uses each connection's vehicles; a page about one car uses this.
/// </summary>
internal static class StoredAttributes
{
    /// <summary>
    /// What was stored for one of the owner's vehicles, from the newest connection that reaches it; null when it is not
    /// theirs or its make, model and year are not read yet (a Refresh reads them).
    /// </summary>
    public static async Task<VehicleDescription?> DescriptionOfAsync(
        this IApplicationDbContext db, string ownerId, string vehicleId, CancellationToken cancellationToken)
    {
        var classic = await db.Connections.AsNoTracking()
            .Where(c => c.OwnerId == ownerId)
            .OrderByDescending(c => c.ConnectedAt)
            .SelectMany(c => c.Vehicles)
            .Where(v => v.SmartcarVehicleId == vehicleId)
            .ToListAsync(cancellationToken);
        if (classic.Select(v => v.Description).FirstOrDefault(d => d is not null) is { } described)
        {
            return described;
        }

        var serverSide = await db.SmartcarUserLinks.AsNoTracking()
            .Where(l => l.OwnerId == ownerId)
            .OrderByDescending(l => l.LinkedAt)
            .SelectMany(l => l.Vehicles)
            .Where(v => v.SmartcarVehicleId == vehicleId)
            .ToListAsync(cancellationToken);
        return serverSide.Select(v => v.Description).FirstOrDefault(d => d is not null);
    }
}
