namespace SmartcarClean.Application.Common;

/// <summary>
/// One readable Smartcar v2.0 vehicle endpoint: its path under <c>/vehicles/{id}/</c>, the permission it needs,
/// and the shape of its answer. The list below is the one place that pairs them.
/// </summary>
public sealed record VehicleEndpoint<T>(string Path, string Permission);

public static class VehicleEndpoints
{
    public static readonly VehicleEndpoint<VehicleIdentification> Vin = new("vin", "read_vin");
    public static readonly VehicleEndpoint<Odometer> Odometer = new("odometer", "read_odometer");
    public static readonly VehicleEndpoint<Location> Location = new("location", "read_location");
    public static readonly VehicleEndpoint<Fuel> Fuel = new("fuel", "read_fuel");
    public static readonly VehicleEndpoint<Battery> Battery = new("battery", "read_battery");
    public static readonly VehicleEndpoint<Charge> Charge = new("charge", "read_charge");
    public static readonly VehicleEndpoint<LockStatus> LockStatus = new("security", "read_security");

    /// <summary>Sending LOCK or UNLOCK to <c>POST /security</c>.</summary>
    public const string ControlSecurity = "control_security";
}

/// <summary>A value read from a vehicle, with when the vehicle recorded it and the unit system it is in.</summary>
public sealed record Reading<T>(T Value, DateTimeOffset? DataAge, string UnitSystem);

public sealed record VehicleIdentification(string Vin);

/// <summary>Distance in kilometres (metric) or miles (imperial).</summary>
public sealed record Odometer(double Distance);

public sealed record Location(double Latitude, double Longitude);

/// <summary>Range in km or miles; percent as 0-1; amount in litres or US gallons.</summary>
public sealed record Fuel(double Range, double PercentRemaining, double AmountRemaining);

/// <summary>Range in km or miles; percent as 0-1.</summary>
public sealed record Battery(double Range, double PercentRemaining);

/// <summary>State is CHARGING, FULLY_CHARGED or NOT_CHARGING.</summary>
public sealed record Charge(bool IsPluggedIn, string State);

public sealed record LockStatus(bool IsLocked);
