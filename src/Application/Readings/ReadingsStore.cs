using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartcarClean.Application.Flows;
using SmartcarClean.Application.Ports;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Readings;

/// <summary>
/// The stored readings of the current user's vehicles, one <see cref="VehicleReadings"/> per car in either flow (a
/// classic <see cref="ConnectedVehicle"/> or a server-side <see cref="LinkedVehicle"/>).
/// </summary>
internal sealed class ReadingsStore(IApplicationDbContext db, UserVehicles vehicles, ILogger<ReadingsStore> logger)
{
    /// <summary>How stored values are written and read: as Smartcar's JSON bodies.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The readings of the car; new (and empty) when none were stored.</summary>
    public async Task<VehicleReadings> ForAsync(UserVehicle vehicle, CancellationToken cancellationToken)
    {
        var readings = db.VehicleReadings.Include(r => r.Readings);
        return vehicle switch
        {
            UserVehicle.Classic { Vehicle: var car } =>
                await readings.FirstOrDefaultAsync(r => r.ConnectedVehicleId == car.Id, cancellationToken) ?? VehicleReadings.Of(car),
            UserVehicle.ServerSide { Vehicle: var car } =>
                await readings.FirstOrDefaultAsync(r => r.LinkedVehicleId == car.Id, cancellationToken) ?? VehicleReadings.Of(car),
            _ => throw new InvalidOperationException($"A car is classic or server-side, not {vehicle.GetType().Name}."),
        };
    }

    /// <summary>The readings of the user's vehicle (as <see cref="UserVehicles"/> finds it), without asking Smartcar anything; null when it is not theirs.</summary>
    public async Task<VehicleReadings?> ForCurrentUserAsync(string vehicleId, CancellationToken cancellationToken) =>
        await vehicles.FindAsync(vehicleId, cancellationToken) is { } vehicle ? await ForAsync(vehicle, cancellationToken) : null;

    /// <summary>
    /// The car's readings as stored now, not as this request loaded them (<paramref name="loaded"/>): another request may
    /// have fetched them meanwhile, and EF would hand back the copy this request already tracks.
    /// </summary>
    public async Task<VehicleReadings> ReloadAsync(VehicleReadings loaded, UserVehicle vehicle, CancellationToken cancellationToken)
    {
        ForgetTracked(db.VehicleReadings.Entry(loaded));
        return await ForAsync(vehicle, cancellationToken);
    }

    /// <summary>
    /// Saves the readings (and whatever else the request changed). Two first views of one car in two app instances at
    /// once both add its readings: the one saved second is dropped, as the first is as fresh.
    /// </summary>
    /// <returns>
    /// False when they could not be kept (the database refused or stayed busy past the command timeout): the caller still
    /// has them, and the next view asks Smartcar again.
    /// </returns>
    public async Task<bool> SaveAsync(VehicleReadings readings, CancellationToken cancellationToken)
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
            return true;
        }
        // A busy database can fail the save's BEGIN itself, which EF does not wrap in a DbUpdateException.
        catch (Exception e) when (e is DbUpdateException and not DbUpdateConcurrencyException or DbException)
        {
            // Forget what this request meant to save, so that a later save in the request does not try it again.
            ForgetTracked(entry);
            var keptByAnother = adding && await db.VehicleReadings.AnyAsync(
                r => r.ConnectedVehicleId == readings.ConnectedVehicleId && r.LinkedVehicleId == readings.LinkedVehicleId, cancellationToken);
            if (!keptByAnother)
            {
                logger.LogWarning(e, "The readings of a vehicle could not be saved; they are shown, and the next view asks Smartcar again.");
            }

            return keptByAnother;
        }
    }

    private static void ForgetTracked(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        foreach (var tracked in entry.Context.ChangeTracker.Entries().Where(e => e.Entity is VehicleReadings or StoredReading).ToList())
        {
            tracked.State = EntityState.Detached;
        }
    }
}
