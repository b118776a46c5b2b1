namespace SmartcarClean.Emulator.World;

/// <summary>What each <see cref="CompatibilityLevel"/> supports, and the level a test login names.</summary>
public static class CompatibilityLevels
{
    private static readonly HashSet<string> ElectricOnly = new(StringComparer.Ordinal)
    {
        "read_battery", "read_charge", "control_charge", "read_charge_locations", "read_charge_records", "read_charge_events",
    };

    private static readonly HashSet<string> FuelOnly = new(StringComparer.Ordinal) { "read_fuel", "read_engine_oil" };

    public static bool Supports(this CompatibilityLevel level, string permission) => level switch
    {
        CompatibilityLevel.Incompatible => false,
        CompatibilityLevel.Fuel => !ElectricOnly.Contains(permission),
        CompatibilityLevel.Bev => !FuelOnly.Contains(permission),
        _ => true,
    };

    /// <summary>The level named in a test login's domain (<c>compatible</c>, <c>phev</c>, ...), or null.</summary>
    public static CompatibilityLevel? Parse(string name) => name.ToUpperInvariant() switch
    {
        "COMPATIBLE" => CompatibilityLevel.Compatible,
        "PHEV" => CompatibilityLevel.Phev,
        "INCOMPATIBLE" => CompatibilityLevel.Incompatible,
        "FUEL" => CompatibilityLevel.Fuel,
        "BEV" => CompatibilityLevel.Bev,
        _ => null,
    };
}
