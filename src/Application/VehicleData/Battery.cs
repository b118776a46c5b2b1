namespace SmartcarClean.Application.VehicleData;

/// <summary>Range in km or miles; percent as 0-1.</summary>
public sealed record Battery(double Range, double PercentRemaining);
