namespace SmartcarClean.Emulator.Plans;

/// <summary>The plan in force and what has been used of it, for the admin page and <c>GET /_emulator/plan</c>.</summary>
public sealed record PlanSnapshot(Plan Plan, IReadOnlyList<BucketUsage> Buckets, IReadOnlyList<VehicleUsage> Vehicles);

/// <summary>Requests left in an application's bucket (only while the bucket is on).</summary>
public sealed record BucketUsage(string ClientId, int Left);

/// <summary>
/// One application's requests to one vehicle this month, and the vehicle's throttle (null while it is off): calls in
/// the running window (0 when none runs), and when that window ends.
/// </summary>
public sealed record VehicleUsage(string ClientId, string VehicleId, int RequestsThisMonth, int? ThrottleCalls, DateTimeOffset? ThrottleWindowEnds);
