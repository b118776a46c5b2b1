namespace SmartcarClean.Application.VehicleData;

/// <summary>A vehicle's make, model and year; <paramref name="Powertrain"/> where Smartcar gives it (API v3 only).</summary>
public sealed record VehicleAttributes(string Id, string Make, string Model, int Year, string? Powertrain = null);
