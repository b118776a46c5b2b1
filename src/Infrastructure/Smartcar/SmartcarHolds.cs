using System.Collections.Concurrent;
using System.Net.Http.Headers;
using SmartcarClean.Application.Ports;

namespace SmartcarClean.Infrastructure.Smartcar;

/// <summary>
/// What Smartcar asked this app instance not to call, and until when, for every user and request alike: a vehicle
/// after <c>429 RATE_LIMIT:VEHICLE</c> or <c>430 BILLING:VEHICLE_REQUEST_LIMIT</c>, the whole vehicle API after
/// <c>429 RATE_LIMIT:SMARTCAR_API</c>. A hold ends at the instant Smartcar named; the state lives in this process
/// only (ADR-009 says what sharing it across instances would take).
/// </summary>
internal sealed class SmartcarHolds(TimeProvider time)
{
    /// <summary>The wait when a 429 names none: Smartcar's description of its app bucket says "a few minutes".</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(1);

    /// <summary>The shortest wait honoured: a <c>Retry-After</c> of 0 or in the past still pauses the next call.</summary>
    public static readonly TimeSpan ShortestWait = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait honoured: a huge <c>Retry-After</c> must not silence a car or the app for days.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a car whose monthly allowance is used up is left alone before Smartcar is asked again. Smartcar's
    /// billing month is the plan's, which the app cannot see, and a plan can be raised at any time: so the hold is an
    /// hour, and ends earlier when a calendar month (UTC) begins.
    /// </summary>
    public static readonly TimeSpan BillingRecheck = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Hold> _vehicles = new(StringComparer.Ordinal);
    private readonly Lock _apiGate = new();
    private Hold? _api;

    /// <summary>Smartcar's refusal for a call that must not be sent now, or null when it may go.</summary>
    public SmartcarApiException? HeldBack(string? vehicleId)
    {
        var now = time.GetUtcNow();
        var hold = Current(ApiHold(), now) ?? (vehicleId is null ? null : Current(_vehicles.GetValueOrDefault(vehicleId), now));
        return hold is null ? null : hold.Refusal(now);
    }

    /// <summary>
    /// A 429: SMARTCAR_API holds every call, VEHICLE the vehicle's. With another code, or none, the call's vehicle is
    /// held if it names one, the whole API otherwise. Answers the wait honoured, bounded.
    /// </summary>
    public TimeSpan HoldForRateLimit(string? code, string? vehicleId, RetryConditionHeaderValue? retryAfter)
    {
        var now = time.GetUtcNow();
        var wait = Bounded(retryAfter, now);
        var holdsAll = code == "SMARTCAR_API" || vehicleId is null;
        var hold = new Hold(429, "RATE_LIMIT", holdsAll ? "SMARTCAR_API" : "VEHICLE", now + wait);
        if (holdsAll)
        {
            lock (_apiGate)
            {
                _api = Later(_api, hold);
            }
        }
        else
        {
            Add(vehicleId!, hold, now);
        }

        return wait;
    }

    /// <summary>A 430 VEHICLE_REQUEST_LIMIT: the car's monthly allowance under the app's plan is used up.</summary>
    public void HoldForBilling(string vehicleId, string code)
    {
        var now = time.GetUtcNow();
        var nextMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        var until = now + BillingRecheck < nextMonth ? now + BillingRecheck : nextMonth;
        Add(vehicleId, new Hold(430, "BILLING", code, until), now);
    }

    private static TimeSpan Bounded(RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
    {
        var asked = retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => DefaultWait,
        };
        return asked < ShortestWait ? ShortestWait : asked > LongestWait ? LongestWait : asked;
    }

    private void Add(string vehicleId, Hold hold, DateTimeOffset now)
    {
        _vehicles.AddOrUpdate(vehicleId, hold, (_, held) => Later(held, hold));

        // Holds are few and short: forgetting the ended ones here keeps the map from growing with every car ever held.
        foreach (var (id, held) in _vehicles)
        {
            if (held.Until <= now)
            {
                _vehicles.TryRemove(KeyValuePair.Create(id, held));
            }
        }
    }

    private Hold? ApiHold()
    {
        lock (_apiGate)
        {
            return _api;
        }
    }

    private static Hold? Current(Hold? hold, DateTimeOffset now) => hold is not null && now < hold.Until ? hold : null;

    // A shorter wait never shortens a longer one already asked for.
    private static Hold Later(Hold? held, Hold hold) => held is not null && held.Until > hold.Until ? held : hold;

    private sealed record Hold(int StatusCode, string Type, string Code, DateTimeOffset Until)
    {
        // Smartcar's own answer, as the callers already handle it; the description says the app held it back.
        public SmartcarApiException Refusal(DateTimeOffset now) =>
            new(StatusCode, Type, Code, $"Not sent: Smartcar asked for no such call before {Until:O} ({Type}:{Code}).")
            {
                RetryAfter = Until - now,
                Resolution = Type == "RATE_LIMIT" ? "RETRY_LATER" : null,
            };
    }
}
