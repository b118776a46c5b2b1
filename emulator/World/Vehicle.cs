namespace SmartcarClean.Emulator.World;

/// <summary>A vehicle; its compatibility level decides which requested permissions Connect can grant for it.</summary>
public sealed record Vehicle(string Id, string Make, string Model, int Year, string Vin,
    CompatibilityLevel Compatibility = CompatibilityLevel.Compatible);
