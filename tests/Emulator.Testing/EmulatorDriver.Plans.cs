using SmartcarClean.Emulator.Plans;

namespace SmartcarClean.Emulator.Testing;

/// <summary>Turning the plan's limits on and off (<see cref="Plan"/>), and moving the clock past them.</summary>
public sealed partial class EmulatorDriver
{
    /// <summary>Each vehicle gets <paramref name="allowance"/> requests a month per application (null: no limit); beyond, 430 BILLING.</summary>
    public void LimitVehicleRequestsPerMonth(int? allowance) =>
        Emulator.SetPlan(Emulator.Plan with { VehicleRequestsPerMonth = allowance });

    /// <summary>The application's bucket holds <paramref name="bucket"/> requests (null: no limit), one back every <paramref name="refill"/> (default 30 s); empty, 429 SMARTCAR_API.</summary>
    public void LimitApplicationRate(int? bucket, TimeSpan? refill = null) =>
        Emulator.SetPlan(Emulator.Plan with { ApplicationRequestBucket = bucket, ApplicationBucketRefill = refill ?? Plan.DefaultBucketRefill });

    /// <summary>At most <paramref name="requests"/> per vehicle per <paramref name="window"/> (default 1 minute; null: no limit); beyond, 429 VEHICLE.</summary>
    public void ThrottleVehicles(int? requests, TimeSpan? window = null) =>
        Emulator.SetPlan(Emulator.Plan with { VehicleRequestsPerWindow = requests, VehicleThrottleWindow = window ?? Plan.DefaultThrottleWindow });

    /// <summary>Moves the emulator's clock to midnight UTC on the first day of the next month, where monthly allowances start again.</summary>
    public void AdvanceToNextMonth()
    {
        var now = Emulator.Clock.GetUtcNow();
        var nextMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        Emulator.AdvanceClock(nextMonth - now);
    }
}
