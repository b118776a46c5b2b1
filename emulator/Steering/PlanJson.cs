using SmartcarClean.Emulator.Plans;

namespace SmartcarClean.Emulator.Steering;

/// <summary>
/// <c>/_emulator/plan</c> in JSON: the plan's settings by their names in camelCase, durations in whole seconds
/// (<c>{"vehicleRequestsPerMonth":500,"applicationRequestBucket":120,"applicationBucketRefillSeconds":30,
/// "vehicleRequestsPerWindow":5,"vehicleThrottleWindowSeconds":60}</c>); a limit left out is off.
/// </summary>
internal static class PlanJson
{
    /// <summary>The whole plan a PUT sends; <see cref="ArgumentException"/> (400) names a field out of range.</summary>
    public static Plan Read(JsonInput body) => new Plan
    {
        VehicleRequestsPerMonth = body.OptionalInt("vehicleRequestsPerMonth"),
        ApplicationRequestBucket = body.OptionalInt("applicationRequestBucket"),
        ApplicationBucketRefill = Seconds(body.OptionalInt("applicationBucketRefillSeconds")) ?? Plan.DefaultBucketRefill,
        VehicleRequestsPerWindow = body.OptionalInt("vehicleRequestsPerWindow"),
        VehicleThrottleWindow = Seconds(body.OptionalInt("vehicleThrottleWindowSeconds")) ?? Plan.DefaultThrottleWindow,
    }.Validated();

    public static object Write(PlanSnapshot snapshot) => new
    {
        plan = new
        {
            vehicleRequestsPerMonth = snapshot.Plan.VehicleRequestsPerMonth,
            applicationRequestBucket = snapshot.Plan.ApplicationRequestBucket,
            applicationBucketRefillSeconds = snapshot.Plan.ApplicationBucketRefill.TotalSeconds,
            vehicleRequestsPerWindow = snapshot.Plan.VehicleRequestsPerWindow,
            vehicleThrottleWindowSeconds = snapshot.Plan.VehicleThrottleWindow.TotalSeconds,
        },
        buckets = snapshot.Buckets.Select(b => new { clientId = b.ClientId, left = b.Left }),
        vehicles = snapshot.Vehicles.Select(v => new
        {
            clientId = v.ClientId,
            vehicleId = v.VehicleId,
            requestsThisMonth = v.RequestsThisMonth,
            throttleCalls = v.ThrottleCalls,
            throttleWindowEnds = v.ThrottleWindowEnds,
        }),
    };

    private static TimeSpan? Seconds(int? seconds) => seconds is { } value ? TimeSpan.FromSeconds(value) : null;
}
