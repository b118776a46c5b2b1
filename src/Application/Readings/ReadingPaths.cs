using SmartcarClean.Application.VehicleData;

namespace SmartcarClean.Application.Readings;

/// <summary>
/// The readings a vehicle page shows, as they are kept in <see cref="Domain.Vehicles.VehicleReadings"/> in both flows:
/// by API v2.0's path, each value in v2.0's JSON shape (API v3's signals are mapped onto them: <c>Flows/SignalReadings</c>).
/// </summary>
internal static class ReadingPaths
{
    /// <summary>The classic flow's permissions, kept with the readings: they come with the first batch.</summary>
    public const string Permissions = "permissions";

    public static readonly string[] All =
    [
        VehicleEndpoints.Vin.Path, VehicleEndpoints.Odometer.Path, VehicleEndpoints.Location.Path, VehicleEndpoints.Fuel.Path,
        VehicleEndpoints.Battery.Path, VehicleEndpoints.Charge.Path, VehicleEndpoints.LockStatus.Path,
    ];

    public static readonly IReadOnlyDictionary<string, string> PermissionOf = new Dictionary<string, string>
    {
        [VehicleEndpoints.Vin.Path] = VehicleEndpoints.Vin.Permission,
        [VehicleEndpoints.Odometer.Path] = VehicleEndpoints.Odometer.Permission,
        [VehicleEndpoints.Location.Path] = VehicleEndpoints.Location.Permission,
        [VehicleEndpoints.Fuel.Path] = VehicleEndpoints.Fuel.Permission,
        [VehicleEndpoints.Battery.Path] = VehicleEndpoints.Battery.Permission,
        [VehicleEndpoints.Charge.Path] = VehicleEndpoints.Charge.Permission,
        [VehicleEndpoints.LockStatus.Path] = VehicleEndpoints.LockStatus.Permission,
    };
}
