namespace SmartcarClean.Emulator.Steering.Faults;

/// <summary>
/// A failure to inject with <c>SmartcarEmulator.FailNext</c>. Error faults answer Smartcar's full v2
/// error body; <see cref="Delay"/> answers the real response late; <see cref="DropConnection"/> closes
/// the connection without an answer. The factories validate codes against Smartcar's documented ones.
/// </summary>
public sealed record Fault
{
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(10);

    private static readonly string[] RateLimitCodes = ["VEHICLE", "SMARTCAR_API"];
    private static readonly string[] UpstreamCodes = ["UNKNOWN_ISSUE", "INVALID_DATA", "KNOWN_ISSUE", "NO_RESPONSE", "RATE_LIMIT"];
    private static readonly string[] ServerCodes = ["INTERNAL", "RECORD_NOT_FOUND", "MULTIPLE_RECORDS_FOUND"];
    private static readonly string[] VehicleStateCodes =
        ["ASLEEP", "CHARGING_IN_PROGRESS", "CHARGING_PLUG_CONNECTED", "CHARGING_PLUG_NOT_CONNECTED", "DOOR_OPEN"];

    private Fault(FaultKind kind, string? code, TimeSpan retryAfter, TimeSpan delay)
    {
        Kind = kind;
        Code = code;
        RetryAfter = retryAfter;
        Delay = delay;
    }

    public FaultKind Kind { get; }

    /// <summary>The v2 error code (null for delays and dropped connections).</summary>
    public string? Code { get; }

    /// <summary>The Retry-After of a rate limit.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>How long a <see cref="FaultKind.Delay"/> holds the request.</summary>
    public TimeSpan Delay { get; }

    /// <summary>429 RATE_LIMIT with a Retry-After header; code VEHICLE (default) or SMARTCAR_API.</summary>
    public static Fault RateLimit(string code = "VEHICLE", TimeSpan? retryAfter = null)
    {
        var wait = retryAfter ?? DefaultRetryAfter;
        if (wait < TimeSpan.Zero)
        {
            throw new ArgumentException($"retryAfter must be zero or more, got {wait.TotalSeconds} seconds.", nameof(retryAfter));
        }

        return new(FaultKind.RateLimit, Checked(code, RateLimitCodes), wait, TimeSpan.Zero);
    }

    /// <summary>502 UPSTREAM: the automaker's servers failed.</summary>
    public static Fault Upstream(string code = "UNKNOWN_ISSUE") => new(FaultKind.Upstream, Checked(code, UpstreamCodes), TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>500 SERVER: Smartcar itself failed.</summary>
    public static Fault Server(string code = "INTERNAL") => new(FaultKind.Server, Checked(code, ServerCodes), TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>409 VEHICLE_STATE, e.g. ASLEEP (the default).</summary>
    public static Fault VehicleState(string code = "ASLEEP") =>
        new(FaultKind.VehicleState, Checked(code, VehicleStateCodes), TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>403 PERMISSION: the owner no longer lets the application do this (resolution REAUTHENTICATE).</summary>
    public static Fault Permission() => new(FaultKind.Permission, null, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Holds the request, then answers what the endpoint would have answered (real time, not the world clock).</summary>
    public static Fault Delayed(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero || delay > MaxDelay)
        {
            throw new ArgumentException($"delay must be more than 0 and at most {MaxDelay.TotalMilliseconds} ms, got {delay.TotalMilliseconds} ms.", nameof(delay));
        }

        return new(FaultKind.Delay, null, TimeSpan.Zero, delay);
    }

    /// <summary>Closes the connection without an answer; the client sees an HttpRequestException.</summary>
    public static Fault DropConnection() => new(FaultKind.Drop, null, TimeSpan.Zero, TimeSpan.Zero);

    public override string ToString() => Kind switch
    {
        FaultKind.Delay => $"delay {Delay.TotalMilliseconds} ms",
        FaultKind.Drop => "dropped connection",
        FaultKind.RateLimit => $"RATE_LIMIT:{Code} (Retry-After {RetryAfter.TotalSeconds} s)",
        FaultKind.Permission => "PERMISSION",
        _ => $"{Kind}:{Code}",
    };

    private static string Checked(string code, string[] allowed)
    {
        var upper = code?.Trim().ToUpperInvariant() ?? "";
        return allowed.Contains(upper, StringComparer.Ordinal)
            ? upper
            : throw new ArgumentException($"code '{code}' is not one of {string.Join(", ", allowed)}.", nameof(code));
    }
}
