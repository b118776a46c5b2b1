using System.Globalization;
using SmartcarClean.Emulator.ApiV2;
using SmartcarClean.Emulator.ApiV3;
using SmartcarClean.Emulator.Steering.Faults;
using WireMock;

namespace SmartcarClean.Emulator.Plans;

/// <summary>Why the plan refused a call, answered in the v2.0 or the v3 error shape (reference §5.4, §5.5).</summary>
internal sealed record PlanRefusal(PlanRefusalKind Kind, TimeSpan RetryAfter)
{
    public static PlanRefusal VehicleRequestLimit() => new(PlanRefusalKind.VehicleRequestLimit, TimeSpan.Zero);

    public static PlanRefusal ApplicationRateLimit(TimeSpan wait) => new(PlanRefusalKind.ApplicationRateLimit, WholeSeconds(wait));

    public static PlanRefusal VehicleRateLimit(TimeSpan wait) => new(PlanRefusalKind.VehicleRateLimit, WholeSeconds(wait));

    /// <summary>The v2 body; the 429s are the same ones a queued rate-limit fault answers.</summary>
    public ResponseMessage V2() => Kind switch
    {
        PlanRefusalKind.VehicleRequestLimit => V2Error.Create(
            430, "BILLING", "VEHICLE_REQUEST_LIMIT",
            "You have exceeded the number of API requests that are allowed for this vehicle in the current billing period. Please log into the Smartcar dashboard and visit the Billing tab to learn more.",
            "billing-errors", "CONTACT_SUPPORT",
            "Your car is temporarily unable to connect to this app. Please be patient while we're working to resolve this issue."),
        PlanRefusalKind.ApplicationRateLimit => FaultReplies.For(Fault.RateLimit("SMARTCAR_API", RetryAfter)),
        _ => FaultReplies.For(Fault.RateLimit("VEHICLE", RetryAfter)),
    };

    public ResponseMessage V3() => Kind switch
    {
        PlanRefusalKind.VehicleRequestLimit => V3Error.VehicleRequestLimit(),
        PlanRefusalKind.ApplicationRateLimit => V3Error.RateLimit("SMARTCAR_API", RetryAfterSeconds),
        _ => V3Error.RateLimit("VEHICLE", RetryAfterSeconds),
    };

    private string RetryAfterSeconds => ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    // Retry-After is whole seconds: round up, so a caller that waits that long is let through.
    private static TimeSpan WholeSeconds(TimeSpan wait) => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds)));
}
