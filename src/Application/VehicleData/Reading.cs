namespace SmartcarClean.Application.VehicleData;

/// <summary>A value read from a vehicle, with when the vehicle recorded it and the unit system it is in.</summary>
public sealed record Reading<T>(T Value, DateTimeOffset? DataAge, string UnitSystem);
