using SmartcarClean.Emulator.Plans;

namespace SmartcarClean.Emulator;

/// <summary>The plan the emulator enforces (<see cref="Plans.Plan"/>), changed at run time from tests.</summary>
public sealed partial class SmartcarEmulator
{
    /// <summary>The plan in force: the settings' until <see cref="SetPlan"/>, and again after <see cref="Reset"/>.</summary>
    public Plan Plan => World.Plans.Plan;

    /// <summary>
    /// Replaces the plan (<see cref="Plans.Plan.Unlimited"/> turns every limit off); buckets refill and throttle windows
    /// restart, the month's counts stay. <see cref="ArgumentException"/> names a value out of range.
    /// </summary>
    public void SetPlan(Plan plan) => World.Plans.Set(plan);

    /// <summary>What has been used of the plan: each application's bucket, each vehicle's month and throttle window.</summary>
    public PlanSnapshot PlanUsage() => World.Snapshot().Plan;
}
