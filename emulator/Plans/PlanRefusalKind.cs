namespace SmartcarClean.Emulator.Plans;

/// <summary>The limit of the plan that refused a call.</summary>
internal enum PlanRefusalKind
{
    VehicleRequestLimit,
    ApplicationRateLimit,
    VehicleRateLimit,
}
