namespace SmartcarClean.Emulator.Steering;

/// <summary>A vehicle to put in a seeded user's garage; a VIN is generated when none is given.</summary>
public sealed record SeededVehicle(string Make, string Model, int Year, string? Vin = null);
