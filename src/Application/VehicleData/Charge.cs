namespace SmartcarClean.Application.VehicleData;

/// <summary>State is CHARGING, FULLY_CHARGED or NOT_CHARGING.</summary>
public sealed record Charge(bool IsPluggedIn, string State);
