using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SmartcarClean.Bench;

/// <summary>
/// The refresh race across two instances (issue 14), as README "Several instances" runs them: the standalone emulator,
/// then two app processes one after the other (the first migrates the database) on one PostgreSQL database of their own.
/// Classic flow: its access token is the one a rotated refresh token makes dangerous to renew twice.
/// </summary>
internal static partial class TwoInstances
{
    /// <summary>The PostgreSQL cluster to use (bench/run.sh starts a throw-away one with scripts/test-postgres.sh when it is not set).</summary>
    public const string ClusterVariable = "SMARTCARCLEAN_TEST_POSTGRES";

    public static async Task RaceAsync(BenchPlan plan, Report report)
    {
        var cluster = Environment.GetEnvironmentVariable(ClusterVariable);
        if (string.IsNullOrWhiteSpace(cluster))
        {
            throw new BenchException($"the race across two instances needs PostgreSQL: {ClusterVariable} is not set (bench/run.sh sets it).");
        }

        // A database of their own on that cluster, which the first instance creates and migrates.
        var database = $"smartcarclean_bench_{Guid.NewGuid():N}";
        var connectionString = DatabaseSetting().IsMatch(cluster)
            ? DatabaseSetting().Replace(cluster, $"Database={database}")
            : $"{cluster.TrimEnd(';')};Database={database}";

        var clock = Stopwatch.StartNew();
        var logs = Path.GetFullPath(Path.Combine("artifacts", "bench"));
        await using var emulator = await StandaloneEmulator.StartAsync(BenchPlan.AccessTokenLifetime, Path.Combine(logs, "emulator-two-instances.log"));
        await using var first = await AppInstance.StartSharingAsync("Classic", Path.Combine(logs, "app-two-instances-a.log"), emulator, connectionString);
        await using var second = await AppInstance.StartSharingAsync("Classic", Path.Combine(logs, "app-two-instances-b.log"), emulator, connectionString);
        var started = clock.Elapsed;
        await new FlowBenchmark([first, second], "Classic", plan, report).RaceAcrossInstancesAsync(BenchPlan.RenewalDueAfter);
        Console.WriteLine($"  two instances: the emulator and both apps started in {started.TotalSeconds:F1} s, measured in {(clock.Elapsed - started).TotalSeconds:F1} s");
    }

    [GeneratedRegex("Database=[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex DatabaseSetting();
}
