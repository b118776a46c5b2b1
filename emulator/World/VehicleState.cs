namespace SmartcarClean.Emulator.World;

/// <summary>
/// What a vehicle reports, in metric units. Seeded from the vehicle id so the same vehicle always
/// reads the same; values stay within the ranges of Smartcar's test mode (e.g. a point in Colorado).
/// Commands replace the record (lock, charge), so readers always get a consistent snapshot.
/// </summary>
public sealed record VehicleState(
    double OdometerKm,
    double Latitude,
    double Longitude,
    double FuelPercentRemaining,
    double FuelTankLiters,
    double BatteryPercentRemaining,
    double BatteryCapacityKwh,
    double ChargeLimit,
    bool IsPluggedIn,
    string ChargeState,
    double EngineOilLifeRemaining,
    TirePressures TirePressuresKpa,
    bool IsLocked)
{
    /// <summary>Smartcar's test mode caps fuel and battery range at 483 km (300 miles).</summary>
    public const double MaxRangeKm = 483;

    public const string Charging = "CHARGING";
    public const string FullyCharged = "FULLY_CHARGED";
    public const string NotCharging = "NOT_CHARGING";

    public double FuelRangeKm => Math.Round(FuelPercentRemaining * MaxRangeKm, 1);

    public double FuelLitersRemaining => Math.Round(FuelPercentRemaining * FuelTankLiters, 1);

    public double BatteryRangeKm => Math.Round(BatteryPercentRemaining * MaxRangeKm, 1);

    public static VehicleState Seeded(string vehicleId)
    {
        var random = new Random(StableSeed(vehicleId));
        double Between(double min, double max, int digits) => Math.Round(min + (random.NextDouble() * (max - min)), digits);

        var chargeLimit = new[] { 0.8, 0.9, 1.0 }[random.Next(3)];
        var isPluggedIn = random.Next(2) == 1;
        var chargeState = isPluggedIn ? new[] { Charging, FullyCharged, NotCharging }[random.Next(3)] : NotCharging;
        var battery = chargeState == FullyCharged ? chargeLimit : Between(0.05, chargeLimit, 2);
        return new VehicleState(
            OdometerKm: Between(10_000, 300_000, 1),
            Latitude: Between(37.0, 41.0, 6), // Colorado's box
            Longitude: Between(-109.05, -102.05, 6),
            FuelPercentRemaining: Between(0.05, 1, 2),
            FuelTankLiters: Between(40, 80, 0),
            BatteryPercentRemaining: battery,
            BatteryCapacityKwh: Between(50, 100, 1),
            ChargeLimit: chargeLimit,
            IsPluggedIn: isPluggedIn,
            ChargeState: chargeState,
            EngineOilLifeRemaining: Between(0.05, 1, 2),
            TirePressuresKpa: new TirePressures(Between(175, 237, 1), Between(175, 237, 1), Between(175, 237, 1), Between(175, 237, 1)),
            IsLocked: random.Next(2) == 1);
    }

    // string.GetHashCode is randomised per process; FNV-1a gives the same seed on every run.
    private static int StableSeed(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return unchecked((int)hash);
    }
}

/// <summary>The four tire pressures, in kPa.</summary>
public sealed record TirePressures(double FrontLeft, double FrontRight, double BackLeft, double BackRight);
