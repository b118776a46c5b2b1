using System.Globalization;

namespace SmartcarClean.Bench;

/// <summary>
/// Everything issue 13 measures, for one Connect flow, against running app instances and their emulator: Smartcar
/// calls per view (counted at the emulator), page latency with and without every call delayed D, and the refresh race.
/// Each measurement uses a new account and a new Smartcar user, so nothing one stored warms another.
/// </summary>
internal sealed class FlowBenchmark(IReadOnlyList<AppInstance> instances, string flow, BenchPlan plan, Report report)
{
    private const string Calls = "Smartcar calls per view (counted at the emulator)";
    private const string Latency = "Page latency (one request, whole page)";
    private const string Race = "The refresh race (the token expired)";
    private const string RaceAcrossInstances = "Refresh race across two instances";

    /// <summary>The first instance: connecting, and every measurement but the race, go through it.</summary>
    private AppInstance App => instances[0];

    private EmulatorSteering Smartcar => App.Smartcar;

    public async Task RunAsync()
    {
        var vehiclePageServed = true;
        foreach (var cars in plan.ListSizes)
        {
            vehiclePageServed &= await ListCallsAsync(cars);
        }

        await LatencyAsync(vehiclePageServed);
        await RaceAsync(vehiclePageServed);
    }

    /// <summary>The list of a user with <paramref name="cars"/> cars, first view after connecting and the next; then one car's page.</summary>
    /// <returns>Whether this commit serves the vehicle page in this flow.</returns>
    private async Task<bool> ListCallsAsync(int cars)
    {
        using var visitor = new Visitor();
        var user = await ConnectedAsync(visitor, cars, measureConnect: true);

        var cold = await CountedAsync(() => visitor.LoadAsync(new Uri(App.BaseUrl, "/vehicles")));
        AddCalls(Invariant($"list, {cars} car(s), cold (first view after connecting)"), cold, allowed: 0);
        var warm = await CountedAsync(() => visitor.LoadAsync(new Uri(App.BaseUrl, "/vehicles")));
        AddCalls(Invariant($"list, {cars} car(s), warm"), warm, allowed: 0);

        if (cars != plan.ListSizes[0])
        {
            return true;
        }

        var page = VehiclePage(user.Cars[0]);
        var coldPage = await CountedAsync(() => visitor.LoadAsync(page));
        if (coldPage.Load.Status == 404)
        {
            report.Add(new Measurement(Calls, flow, "vehicle page, cold and warm", Report.NotAvailable, "<= 1 cold, 0 warm", null));
            return false;
        }

        AddCalls("vehicle page, cold (first view after connecting)", coldPage, allowed: 1);
        AddCalls("vehicle page, warm", await CountedAsync(() => visitor.LoadAsync(page)), allowed: 0);
        return true;
    }

    /// <summary>Median and p95 of the list and of cold vehicle pages, as they are and with every Smartcar call delayed D.</summary>
    private async Task LatencyAsync(bool vehiclePageServed)
    {
        var loads = plan.LatencyLoads;
        using var visitor = new Visitor();
        // Each cold page is another car's first view: two sets of cars, one for each run (the list shows them all).
        var user = await ConnectedAsync(visitor, 2 * loads, measureConnect: false);
        var list = new Uri(App.BaseUrl, "/vehicles");
        var carCount = user.Cars.Count;

        var listOwn = await TimedAsync(visitor, loads, _ => list);
        var pageOwn = vehiclePageServed ? await TimedAsync(visitor, loads, i => VehiclePage(user.Cars[i])) : null;

        await Smartcar.DelayEveryCallAsync(BenchPlan.Delay);
        TimedRun listDelayed;
        TimedRun? pageDelayed;
        try
        {
            listDelayed = await TimedAsync(visitor, loads, _ => list);
            pageDelayed = vehiclePageServed ? await TimedAsync(visitor, loads, i => VehiclePage(user.Cars[loads + i])) : null;
        }
        finally
        {
            await Smartcar.ClearDelaysAsync();
        }

        var d = BenchPlan.Delay.TotalMilliseconds;
        report.Add(new Measurement(Latency, flow, Invariant($"list of {carCount} car(s), no delay (the app's own time)"),
            listOwn.Describe(), "0 calls", listOwn.CallsMet(0)));
        report.Add(new Measurement(Latency, flow, Invariant($"list of {carCount} car(s), every call delayed D = {d:F0} ms"),
            listDelayed.Describe(d), "0 calls, so D plays no part", listDelayed.CallsMet(0)));
        if (pageOwn is null || pageDelayed is null)
        {
            report.Add(new Measurement(Latency, flow, "cold vehicle page, without and with D", Report.NotAvailable, "<= 1.3 x D + the app's own time", null));
            return;
        }

        report.Add(new Measurement(Latency, flow, "cold vehicle page, no delay (the app's own time)", pageOwn.Describe(), "<= 1 call a page", pageOwn.CallsMet(1)));
        var bound = (BenchPlan.DelayAllowance * d) + pageOwn.Median;
        report.Add(new Measurement(Latency, flow, Invariant($"cold vehicle page, every call delayed D = {d:F0} ms"), pageDelayed.Describe(d),
            Invariant($"median <= 1.3 x D + the app's own time = {bound:F0} ms; <= 1 call a page"),
            pageDelayed.Median <= bound && pageDelayed.CallsMet(1)));
    }

    /// <summary>
    /// One user, one car; the access token (classic) or the application token (server-side) expires and the car's
    /// readings are stale (the shared clock moves on); then many concurrent loads of its page.
    /// </summary>
    private async Task RaceAsync(bool vehiclePageServed)
    {
        var loads = plan.RaceLoads;
        if (!vehiclePageServed)
        {
            report.Add(new Measurement(Race, flow, Invariant($"{loads} concurrent loads of the vehicle page"), Report.NotAvailable, Invariant($"1 POST {TokenEndpoint}, {loads} succeed"), null));
            return;
        }

        using var visitor = new Visitor();
        var user = await ConnectedAsync(visitor, 1, measureConnect: false);
        var car = user.Cars[0];
        await visitor.LoadAsync(VehiclePage(car)); // its readings stored
        // Past the access token's two hours (and the application token's one), so every load needs a new one.
        await Smartcar.AdvanceClockAsync(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(5));
        await RaceLoadsAsync(Race, visitor, car, loads);
    }

    /// <summary>
    /// The race across instances (issue 14): each instance keeps its own clock, so the access token expires in real
    /// time: the emulator issues tokens that are due for renewal <paramref name="renewalDueAfter"/> after connecting
    /// (its <c>AccessTokenLifetime</c>). Then many concurrent loads of a car's page never viewed yet, so that each
    /// instance also has its readings to fetch.
    /// </summary>
    public async Task RaceAcrossInstancesAsync(TimeSpan renewalDueAfter)
    {
        using var visitor = new Visitor();
        var connecting = DateTimeOffset.UtcNow; // the access token is issued after this
        var user = await ConnectedAsync(visitor, 1, measureConnect: false);
        if (connecting + renewalDueAfter + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait);
        }

        await RaceLoadsAsync(RaceAcrossInstances, visitor, user.Cars[0], plan.RaceLoads);
    }

    /// <summary><paramref name="loads"/> concurrent loads of <paramref name="car"/>'s page, spread over the instances in turn, and what Smartcar was asked meanwhile.</summary>
    private async Task RaceLoadsAsync(string section, Visitor visitor, SeededCar car, int loads)
    {
        var before = (await Smartcar.CallsAsync()).Count;
        var logMarks = instances.Select(instance => instance.LogLength).ToList();
        var pages = await Task.WhenAll(Enumerable.Range(0, loads)
            .Select(i => visitor.LoadAsync(new Uri(instances[i % instances.Count].BaseUrl, $"/vehicles/{car.Id}"))));
        var during = (await Smartcar.CallsAsync()).Skip(before).ToList();

        var tokenCalls = during.Count(c => c.Method == "POST" && c.Path == TokenEndpoint);
        var readingsCalls = during.Count(c => c.Endpoint is "POST /v2.0/vehicles/{id}/batch" or "GET /v3/vehicles/{id}/signals");
        var succeeded = pages.Count(p => p.Status == 200 && p.Body.Contains(car.Vin, StringComparison.Ordinal));
        var where = instances.Count == 1 ? "one instance" : Invariant($"{instances.Count} instances in turn");
        report.Add(new Measurement(section, flow, Invariant($"POST {TokenEndpoint} during {loads} concurrent loads ({where})"),
            Invariant($"{tokenCalls}"), "1", tokenCalls == 1));
        report.Add(new Measurement(section, flow, "loads that showed the car (200 with its VIN)",
            Invariant($"{succeeded} of {loads}{Failures(pages)}{Causes(instances.SelectMany((instance, i) => instance.UnhandledExceptionsSince(logMarks[i])))}"),
            Invariant($"{loads}"), succeeded == loads));
        report.Add(new Measurement(section, flow, "readings fetched from Smartcar during the race",
            Invariant($"{readingsCalls}"), Invariant($"<= {instances.Count} (one per instance, ADR-011)"), readingsCalls <= instances.Count));
        report.Add(new Measurement(section, flow, "every Smartcar call during the race", Endpoints(during), "", null));
    }

    private string TokenEndpoint => flow == "Classic" ? "/oauth/token" : "/oauth2/token";

    /// <summary>A new account, signed in, with a new Smartcar user's <paramref name="cars"/> cars connected (the list not viewed yet).</summary>
    private async Task<SeededUser> ConnectedAsync(Visitor visitor, int cars, bool measureConnect)
    {
        await visitor.RegisterAsync(App.BaseUrl);
        var user = await Smartcar.SeedUserAsync(cars);
        var before = (await Smartcar.CallsAsync()).Count;
        await visitor.ConnectAsync(App.BaseUrl, user);
        if (measureConnect)
        {
            var connecting = (await Smartcar.CallsAsync()).Skip(before).ToList();
            report.Add(new Measurement(Calls, flow, Invariant($"connecting {cars} car(s) (reads what the list shows, once)"),
                Invariant($"{connecting.Count}: {Endpoints(connecting)}"), "", null));
        }

        return user;
    }

    private async Task<CountedLoad> CountedAsync(Func<Task<TimedLoad>> load)
    {
        var before = (await Smartcar.CallsAsync()).Count;
        var loaded = await load();
        return new CountedLoad(loaded, [.. (await Smartcar.CallsAsync()).Skip(before)]);
    }

    /// <summary><paramref name="loads"/> loads one after the other, and the Smartcar calls they made together.</summary>
    private async Task<TimedRun> TimedAsync(Visitor visitor, int loads, Func<int, Uri> page)
    {
        var before = (await Smartcar.CallsAsync()).Count;
        var timed = new List<TimedLoad>();
        for (var i = 0; i < loads; i++)
        {
            timed.Add(await visitor.LoadAsync(page(i)));
        }

        return new TimedRun(timed, (await Smartcar.CallsAsync()).Count - before);
    }

    private void AddCalls(string what, CountedLoad counted, int allowed)
    {
        var target = allowed == 0 ? "0" : Invariant($"<= {allowed}");
        var value = counted.Load.Status == 200
            ? Invariant($"{counted.Calls.Count}{(counted.Calls.Count == 0 ? "" : $" ({Endpoints(counted.Calls)})")}")
            : Invariant($"the page answered {counted.Load.Status}");
        report.Add(new Measurement(Calls, flow, what, value, target, counted.Load.Status == 200 && counted.Calls.Count <= allowed));
    }

    private Uri VehiclePage(SeededCar car) => new(App.BaseUrl, $"/vehicles/{car.Id}");

    private static string Endpoints(IEnumerable<SmartcarCall> calls)
    {
        var grouped = calls.GroupBy(c => (c.Endpoint, c.Status)).Select(g => Invariant($"{g.Count()} x {g.Key.Endpoint} {g.Key.Status}")).ToList();
        return grouped.Count == 0 ? "none" : string.Join(", ", grouped);
    }

    private static string Failures(IEnumerable<TimedLoad> pages)
    {
        var failed = pages.Where(p => p.Status != 200).GroupBy(p => p.Status).Select(g => Invariant($"{g.Count()} answered {g.Key}")).ToList();
        return failed.Count == 0 ? "" : $" ({string.Join(", ", failed)})";
    }

    /// <summary>Why the app answered 500, from its log: so a missed target names its cause.</summary>
    private static string Causes(IEnumerable<string> causes)
    {
        var counted = causes.GroupBy(cause => cause).Select(g => Invariant($"{g.Count()} x {g.Key}")).ToList();
        return counted.Count == 0 ? "" : $"; the app's log: {string.Join("; ", counted)}";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

internal sealed record CountedLoad(TimedLoad Load, IReadOnlyList<SmartcarCall> Calls);
