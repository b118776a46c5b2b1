using System.Diagnostics;
using System.Diagnostics.Metrics;
using SmartcarClean.Application.Telemetry;

namespace SmartcarClean.Infrastructure.Smartcar;

/// <summary>
/// What the app spends at Smartcar, on the app's meter (<see cref="AppMeter.Name"/>): every call that went out, by
/// endpoint (route template, never an id) and status (the HTTP status, or <c>unreachable</c> when no answer came),
/// with its duration; and, apart, the calls the app held back because Smartcar had asked it to wait, which cost nothing.
/// </summary>
internal sealed class SmartcarCallMetrics
{
    public const string Calls = "smartcar.calls";
    public const string CallDuration = "smartcar.call.duration";
    public const string HeldBackCalls = "smartcar.calls.held_back";
    public const string Unreachable = "unreachable";

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _heldBack;

    public SmartcarCallMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(AppMeter.Name);
        _calls = meter.CreateCounter<long>(Calls, "{call}", "Calls made to Smartcar (token endpoints, API v2.0 and v3).");
        _duration = meter.CreateHistogram<double>(CallDuration, "s", "How long Smartcar took to answer a call.");
        _heldBack = meter.CreateCounter<long>(
            HeldBackCalls, "{call}", "Calls the app did not send because Smartcar had asked it to wait (429) or the car's allowance was used up (430).");
    }

    public void Called(string endpoint, string status, TimeSpan duration)
    {
        var tags = new TagList { { "endpoint", endpoint }, { "status", status } };
        _calls.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    /// <summary><paramref name="reason"/>: Smartcar's code that holds the call, e.g. <c>VEHICLE</c> or <c>VEHICLE_REQUEST_LIMIT</c>.</summary>
    public void HeldBack(string endpoint, string reason) =>
        _heldBack.Add(1, new TagList { { "endpoint", endpoint }, { "reason", reason } });
}
