using System.Globalization;

namespace SmartcarClean.Bench;

/// <summary>Page loads made one after the other, and how many Smartcar calls they made together.</summary>
internal sealed record TimedRun(IReadOnlyList<TimedLoad> Loads, int Calls)
{
    public double Median => Percentile(0.50);

    public double P95 => Percentile(0.95);

    private bool AllOk => Loads.All(load => load.Status == 200);

    /// <summary>Every load answered 200 and they made at most <paramref name="perPage"/> calls a page.</summary>
    public bool CallsMet(int perPage) => AllOk && Calls <= perPage * Loads.Count;

    /// <summary>e.g. "median 412 ms (1.37 D), p95 450 ms (1.50 D); 30 loads, 30 calls".</summary>
    public string Describe(double? delayMilliseconds = null)
    {
        string Of(double ms) => delayMilliseconds is { } d ? Invariant($"{ms:F0} ms ({ms / d:F2} D)") : Invariant($"{ms:F0} ms");
        var failed = Loads.Count(load => load.Status != 200);
        return Invariant($"median {Of(Median)}, p95 {Of(P95)}; {Loads.Count} loads, {Calls} calls") + (failed == 0 ? "" : Invariant($", {failed} not 200"));
    }

    /// <summary>Nearest rank: the smallest time at least <paramref name="fraction"/> of the loads took no longer than.</summary>
    private double Percentile(double fraction)
    {
        var sorted = Loads.Select(load => load.Elapsed.TotalMilliseconds).Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
