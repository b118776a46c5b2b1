namespace SmartcarClean.Application.VehicleData;

public sealed record VehicleIdentification(string Vin);
