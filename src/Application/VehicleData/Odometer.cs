namespace SmartcarClean.Application.VehicleData;

/// <summary>Distance in kilometres (metric) or miles (imperial).</summary>
public sealed record Odometer(double Distance);
