namespace SmartcarClean.Emulator.Plans;

/// <summary>
/// Enforces the <see cref="Plan"/> on the clock's time and keeps what it needs to: each application's bucket, each
/// vehicle's throttle window, and the requests each application made to each vehicle this month. What counts:
/// <list type="bullet">
/// <item>the bucket: every authenticated v2.0 and v3 API call of the application (not the token endpoints);</item>
/// <item>the allowance and the throttle: calls about one vehicle the application is connected to (v2.0
/// <c>/vehicles/{id}/...</c>, v3 <c>/vehicles/{id}/...</c>); a v2.0 batch of k paths is one call for the throttle and k
/// for the allowance ("each endpoint in the batch counts against your request limit");</item>
/// <item>a refused call counts nowhere further: the bucket is checked first, then the allowance, then the throttle.</item>
/// </list>
/// The month's usage is counted even while the allowance is off, so the admin page shows it and turning the allowance
/// on mid-month counts what was already used. Changing the plan refills the buckets and restarts the throttle windows.
/// </summary>
internal sealed class PlanLimits(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Dictionary<(string ClientId, string VehicleId), MonthlyCount> _months = [];
    private Plan _configured = Plan.Unlimited;
    private Plan _plan = Plan.Unlimited;

    public Plan Plan
    {
        get
        {
            lock (_gate)
            {
                return _plan;
            }
        }
    }

    /// <summary>The plan of the settings, which <see cref="Reset"/> goes back to.</summary>
    public void Configure(Plan plan)
    {
        lock (_gate)
        {
            _configured = plan;
            Set(plan);
        }
    }

    public void Set(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validated();
        lock (_gate)
        {
            _plan = plan;
            _buckets.Clear();
            _windows.Clear();
        }
    }

    /// <summary>Back to the settings' plan, every count forgotten.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _months.Clear();
            Set(_configured);
        }
    }

    /// <summary>Any authenticated API call: takes one request from the application's bucket, or is refused with 429 SMARTCAR_API.</summary>
    public PlanRefusal? AdmitCall(string clientId)
    {
        lock (_gate)
        {
            if (_plan.ApplicationRequestBucket is not { } size)
            {
                return null;
            }

            var now = time.GetUtcNow();
            var bucket = _buckets.TryGetValue(clientId, out var known) ? known.RefilledAt(now, size, _plan.ApplicationBucketRefill) : new Bucket(size, now);
            if (bucket.Left == 0)
            {
                _buckets[clientId] = bucket;
                return PlanRefusal.ApplicationRateLimit(bucket.RefilledFrom + _plan.ApplicationBucketRefill - now);
            }

            _buckets[clientId] = bucket with { Left = bucket.Left - 1 };
            return null;
        }
    }

    /// <summary>
    /// A call about one vehicle the application is connected to: refused with 430 when the month's allowance is used up,
    /// then with 429 VEHICLE when its throttle window is full; otherwise counted. A batch (<paramref name="batch"/>)
    /// needs one request left and takes none: <see cref="AdmitBatchPath"/> takes one per path.
    /// </summary>
    public PlanRefusal? AdmitVehicleCall(string clientId, string vehicleId, bool batch = false)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var month = MonthOf(clientId, vehicleId, now);
            if (month.Used >= _plan.VehicleRequestsPerMonth)
            {
                return PlanRefusal.VehicleRequestLimit();
            }

            if (_plan.VehicleRequestsPerWindow is { } perWindow)
            {
                var window = WindowOf(vehicleId, now);
                if (window.Calls >= perWindow)
                {
                    return PlanRefusal.VehicleRateLimit(window.Start + _plan.VehicleThrottleWindow - now);
                }

                _windows[vehicleId] = window with { Calls = window.Calls + 1 };
            }

            _months[(clientId, vehicleId)] = batch ? month : month with { Used = month.Used + 1 };
            return null;
        }
    }

    /// <summary>One path of an admitted batch: takes one request of the month's allowance, or is refused with 430.</summary>
    public PlanRefusal? AdmitBatchPath(string clientId, string vehicleId)
    {
        lock (_gate)
        {
            var month = MonthOf(clientId, vehicleId, time.GetUtcNow());
            if (month.Used >= _plan.VehicleRequestsPerMonth)
            {
                return PlanRefusal.VehicleRequestLimit();
            }

            _months[(clientId, vehicleId)] = month with { Used = month.Used + 1 };
            return null;
        }
    }

    /// <summary>What the admin page shows: the plan, each application's bucket and each vehicle's month and throttle.</summary>
    public PlanSnapshot Snapshot(IEnumerable<(string ClientId, string VehicleId)> connections)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var buckets = _plan.ApplicationRequestBucket is { } size
                ? _buckets.Select(b => new BucketUsage(b.Key, b.Value.RefilledAt(now, size, _plan.ApplicationBucketRefill).Left))
                    .OrderBy(b => b.ClientId, StringComparer.Ordinal).ToList()
                : [];
            var vehicles = connections.Concat(_months.Keys).Distinct()
                .Select(key =>
                {
                    // Only a window that is still running has calls and an end; an ended one is the same as none.
                    var window = _windows.TryGetValue(key.VehicleId, out var known) && now < known.Start + _plan.VehicleThrottleWindow ? known : null;
                    return new VehicleUsage(
                        key.ClientId,
                        key.VehicleId,
                        MonthOf(key.ClientId, key.VehicleId, now).Used,
                        _plan.VehicleRequestsPerWindow is null ? null : window?.Calls ?? 0,
                        window is null ? null : window.Start + _plan.VehicleThrottleWindow);
                })
                .ToList();
            return new PlanSnapshot(_plan, buckets, vehicles);
        }
    }

    // The allowance is per UTC calendar month: a count from an earlier month is zero now.
    private MonthlyCount MonthOf(string clientId, string vehicleId, DateTimeOffset now)
    {
        var month = new DateOnly(now.UtcDateTime.Year, now.UtcDateTime.Month, 1);
        return _months.TryGetValue((clientId, vehicleId), out var count) && count.Month == month ? count : new MonthlyCount(month, 0);
    }

    // A window starts at its first call and lasts VehicleThrottleWindow.
    private Window WindowOf(string vehicleId, DateTimeOffset now) =>
        _windows.TryGetValue(vehicleId, out var window) && now < window.Start + _plan.VehicleThrottleWindow ? window : new Window(now, 0);

    private sealed record MonthlyCount(DateOnly Month, int Used);

    private sealed record Window(DateTimeOffset Start, int Calls);

    /// <summary><paramref name="Left"/> requests, counted up to <paramref name="RefilledFrom"/>; the next one comes back a refill later.</summary>
    private sealed record Bucket(int Left, DateTimeOffset RefilledFrom)
    {
        public Bucket RefilledAt(DateTimeOffset now, int size, TimeSpan refill)
        {
            if (Left >= size)
            {
                return this with { RefilledFrom = now };
            }

            var refills = (int)Math.Clamp((now - RefilledFrom) / refill, 0, size - Left);
            var left = Left + refills;
            return new Bucket(left, left >= size ? now : RefilledFrom + (refill * refills));
        }
    }
}
