namespace SmartcarClean.Application.VehicleData;

public sealed record Location(double Latitude, double Longitude);
