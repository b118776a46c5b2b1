namespace SmartcarClean.Bench;

/// <summary>How much to measure: the full benchmark (issue 13's sizes) or the short smoke run that ./test.sh makes.</summary>
internal sealed record BenchPlan(string Name, IReadOnlyList<int> ListSizes, int LatencyLoads, int RaceLoads, bool RaceAcrossInstances)
{
    /// <summary>D: every Smartcar call is held this long at the emulator for the latency under delay.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(300);

    /// <summary>A cold vehicle page may take at most this many D more than the app's own time.</summary>
    public const double DelayAllowance = 1.3;

    /// <summary>
    /// In the race across instances the access token is due for renewal this long after connecting: the standalone
    /// emulator's tokens last the app's renewal margin (5 minutes before expiry, <c>TokenSet.RefreshSkew</c>) plus this.
    /// Long enough for connecting to finish first on a busy machine.
    /// </summary>
    public static readonly TimeSpan RenewalDueAfter = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(5) + RenewalDueAfter;

    public static BenchPlan Full { get; } = new("full", [1, 10, 50], LatencyLoads: 30, RaceLoads: 200, RaceAcrossInstances: true);

    public static BenchPlan Smoke { get; } = new("smoke", [1, 10], LatencyLoads: 5, RaceLoads: 50, RaceAcrossInstances: false);
}

/// <summary>The bench cannot measure at all (the app did not start, the emulator refused a steering call): not a missed target.</summary>
internal sealed class BenchException(string message) : Exception(message);
