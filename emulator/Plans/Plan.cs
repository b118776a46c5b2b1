using System.Globalization;

namespace SmartcarClean.Emulator.Plans;

/// <summary>
/// The Smartcar plan the emulator enforces (reference §5.4, "Limits"); every limit is off unless set:
/// <list type="bullet">
/// <item><see cref="VehicleRequestsPerMonth"/>: the allowance of requests per vehicle and application in a UTC calendar
/// month; the next one is <c>430 BILLING / VEHICLE_REQUEST_LIMIT</c>.</item>
/// <item><see cref="ApplicationRequestBucket"/>: the application's bucket of requests, one back every
/// <see cref="ApplicationBucketRefill"/>; an empty bucket is <c>429 RATE_LIMIT / SMARTCAR_API</c> with Retry-After.</item>
/// <item><see cref="VehicleRequestsPerWindow"/>: at most this many requests to one vehicle per
/// <see cref="VehicleThrottleWindow"/>; the next is <c>429 RATE_LIMIT / VEHICLE</c> with Retry-After.</item>
/// </list>
/// </summary>
public sealed record Plan
{
    /// <summary>What a limit's count must be.</summary>
    public const string CountRule = "a whole number of 1 or more (leave it out for no limit)";

    /// <summary>Smartcar's documented default bucket refills 2 requests a minute.</summary>
    public static readonly TimeSpan DefaultBucketRefill = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultThrottleWindow = TimeSpan.FromMinutes(1);

    /// <summary>No limit at all: the default.</summary>
    public static Plan Unlimited { get; } = new();

    public int? VehicleRequestsPerMonth { get; init; }

    public int? ApplicationRequestBucket { get; init; }

    public TimeSpan ApplicationBucketRefill { get; init; } = DefaultBucketRefill;

    public int? VehicleRequestsPerWindow { get; init; }

    public TimeSpan VehicleThrottleWindow { get; init; } = DefaultThrottleWindow;

    /// <summary>The plan the settings describe, unchecked: <see cref="Problem"/> says what is out of range.</summary>
    public static Plan From(EmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Plan
        {
            VehicleRequestsPerMonth = options.VehicleRequestsPerMonth,
            ApplicationRequestBucket = options.ApplicationRequestBucket,
            ApplicationBucketRefill = options.ApplicationBucketRefill,
            VehicleRequestsPerWindow = options.VehicleRequestsPerWindow,
            VehicleThrottleWindow = options.VehicleThrottleWindow,
        };
    }

    /// <summary>This plan, or an <see cref="ArgumentException"/> whose message is one sentence naming the first value out of range.</summary>
    public Plan Validated() => Problem() is { } problem ? throw new ArgumentException(problem) : this;

    /// <summary>One sentence naming the first value out of range, e.g. "VehicleRequestsPerMonth must be ..., got 0."; null when all are fine.</summary>
    public string? Problem() =>
        CountProblem(VehicleRequestsPerMonth, nameof(VehicleRequestsPerMonth))
        ?? CountProblem(ApplicationRequestBucket, nameof(ApplicationRequestBucket))
        ?? DurationProblem(ApplicationBucketRefill, nameof(ApplicationBucketRefill))
        ?? CountProblem(VehicleRequestsPerWindow, nameof(VehicleRequestsPerWindow))
        ?? DurationProblem(VehicleThrottleWindow, nameof(VehicleThrottleWindow));

    private static string? CountProblem(int? count, string name) =>
        count is < 1
            ? string.Create(CultureInfo.InvariantCulture, $"{name} must be {CountRule}, got '{count}'.")
            : null;

    // Retry-After is whole seconds.
    private static string? DurationProblem(TimeSpan duration, string name) =>
        duration < TimeSpan.FromSeconds(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{name} must be at least one second, got '{duration:c}'.")
            : null;
}
