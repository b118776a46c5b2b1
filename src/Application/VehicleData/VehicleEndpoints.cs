namespace SmartcarClean.Application.VehicleData;

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
