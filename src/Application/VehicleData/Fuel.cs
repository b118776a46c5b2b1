namespace SmartcarClean.Application.VehicleData;

/// <summary>Range in km or miles; percent as 0-1; amount in litres or US gallons (API v3 gives none).</summary>
public sealed record Fuel(double Range, double PercentRemaining, double? AmountRemaining);
