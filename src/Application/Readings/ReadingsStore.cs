using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Ports;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Readings;

/// <summary>The stored readings of the current user's vehicles, one <see cref="VehicleReadings"/> per connected vehicle.</summary>
internal sealed class ReadingsStore(IApplicationDbContext db, ICurrentUser user)
{
    /// <summary>How stored values are written and read: as Smartcar's JSON bodies.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The readings of the connection's vehicle; new (and empty) when none were stored.</summary>
    public async Task<VehicleReadings> ForAsync(Connection connection, string vehicleId, CancellationToken cancellationToken)
    {
        var connectedVehicleId = connection.Vehicles.First(v => v.SmartcarVehicleId == vehicleId).Id;
        return await FindAsync(connectedVehicleId, cancellationToken) ?? new VehicleReadings(connectedVehicleId);
    }

    /// <summary>
    /// The readings of the user's vehicle (in its newest connection, as <c>VehicleAccess</c> finds it), without asking
    /// Smartcar anything; null when it is not theirs.
    /// </summary>
    public async Task<VehicleReadings?> ForCurrentUserAsync(string vehicleId, CancellationToken cancellationToken)
    {
        var connection = await db.Connections
            .Where(c => c.OwnerId == user.Id && c.Vehicles.Any(v => v.SmartcarVehicleId == vehicleId))
            .OrderByDescending(c => c.ConnectedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return connection is null ? null : await ForAsync(connection, vehicleId, cancellationToken);
    }

    /// <summary>
    /// Saves the readings. Two first views of one car at once both add its readings: the one saved second is dropped,
    /// as the first is as fresh.
    /// </summary>
    public async Task SaveAsync(VehicleReadings readings, CancellationToken cancellationToken)
    {
        var entry = db.VehicleReadings.Entry(readings);
        var adding = entry.State == EntityState.Detached;
        if (adding)
        {
            db.VehicleReadings.Add(readings);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (adding)
        {
            // Forget what this request meant to add, so that a later save in the request does not try it again.
            foreach (var added in entry.Context.ChangeTracker.Entries().Where(e => e.Entity is VehicleReadings or StoredReading).ToList())
            {
                added.State = EntityState.Detached;
            }
        }
    }

    private Task<VehicleReadings?> FindAsync(int connectedVehicleId, CancellationToken cancellationToken) =>
        db.VehicleReadings.Include(r => r.Readings).FirstOrDefaultAsync(r => r.ConnectedVehicleId == connectedVehicleId, cancellationToken);
}
