namespace SmartcarClean.Application.VehicleData;

public sealed record VehicleAttributes(string Id, string Make, string Model, int Year);
