using SmartcarClean.Bench;

// bench/run.sh [--smoke] [--out FILE] [--note "what the machine was doing"]: see bench/README.md.
var smoke = args.Contains("--smoke");
var plan = smoke ? BenchPlan.Smoke : BenchPlan.Full;
var output = Argument("--out") ?? (smoke ? Path.Combine("artifacts", "bench", "smoke-results.md") : Path.Combine("bench", "results.md"));
var report = new Report(plan, Argument("--note"));

Console.WriteLine($"Benchmark ({plan.Name}): the real app and its embedded emulator, one process per flow.");
try
{
    foreach (var flow in new[] { "Classic", "ServerSide" })
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var app = await AppInstance.StartAsync(flow, Path.GetFullPath(Path.Combine("artifacts", "bench", $"app-{flow}.log")));
        var started = clock.Elapsed;
        await new FlowBenchmark([app], flow, plan, report).RunAsync();
        Console.WriteLine($"  {flow}: the app started in {started.TotalSeconds:F1} s, measured in {(clock.Elapsed - started).TotalSeconds:F1} s");
    }

    if (plan.RaceAcrossInstances)
    {
        await TwoInstances.RaceAsync(plan, report);
    }
}
catch (BenchException e)
{
    await Console.Error.WriteLineAsync($"Benchmark could not measure: {e.Message}");
    return 2;
}
catch (HttpRequestException e)
{
    // An app or emulator process that stopped answering mid-run (its log is in artifacts/bench/).
    await Console.Error.WriteLineAsync($"Benchmark could not measure: {e.Message} {e.InnerException?.Message}");
    return 2;
}

report.Write(Path.GetFullPath(output));
Console.WriteLine($"Results: {output}");
var missed = report.Missed.ToList();
foreach (var m in missed)
{
    await Console.Error.WriteLineAsync($"Target missed: {m.Flow} {m.What}: {m.Value} (target: {m.Target})");
}

return missed.Count == 0 ? 0 : 1;

string? Argument(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
