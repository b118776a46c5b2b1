using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace SmartcarClean.Bench;

/// <summary>One number and the target it is held to; <see cref="Met"/> is null for a number with no target, or not measured.</summary>
internal sealed record Measurement(string Section, string Flow, string What, string Value, string Target, bool? Met)
{
    public string Verdict => Met switch { true => "met", false => "**MISSED**", null => "" };
}

/// <summary>Collects the measurements, prints each as it comes and writes results.md with the machine, date and commit.</summary>
internal sealed class Report(BenchPlan plan, string? note)
{
    public const string NotAvailable = "not available on this commit";

    private readonly List<Measurement> _measurements = [];
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private readonly string _loadAtStart = LoadAverage();

    public IEnumerable<Measurement> Missed => _measurements.Where(m => m.Met == false);

    public void Add(Measurement measurement)
    {
        _measurements.Add(measurement);
        var verdict = measurement.Met is null ? "" : $"  [{measurement.Verdict.Trim('*')}]";
        Console.WriteLine(Invariant($"  {measurement.Flow,-10} {measurement.What}: {measurement.Value} (target: {measurement.Target}){verdict}"));
    }

    public void Write(string path)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"# Benchmark results ({plan.Name} run)"));
        text.AppendLine();
        text.AppendLine("Written by `bench/run.sh` (see [README.md](README.md)); every count is read from the emulator's request log.");
        text.AppendLine();
        text.AppendLine(Invariant($"- **Date:** {_started:yyyy-MM-dd HH:mm} UTC, {(DateTimeOffset.UtcNow - _started).TotalSeconds:F0} s"));
        text.AppendLine(Invariant($"- **Commit:** {Commit()}"));
        text.AppendLine(Invariant($"- **Machine:** {Environment.ProcessorCount} cores, {CpuModel()}, {MemoryGiB()} GiB memory, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}"));
        text.AppendLine(Invariant($"- **Load average (1, 5, 15 min):** {_loadAtStart} at the start, {LoadAverage()} at the end"));
        text.AppendLine(Invariant($"- **App:** `src/Web` built {Configuration()}, Development environment (the embedded emulator, plain http), SQLite in a temporary folder, one process per flow"));
        if (plan.RaceAcrossInstances)
        {
            text.AppendLine(Invariant($"- **Two instances (the race across them):** two processes of the same build, no embedded emulator, on one new PostgreSQL database (on the cluster SMARTCARCLEAN_TEST_POSTGRES names; by default bench/run.sh starts a throw-away one) and the standalone emulator (`emulator/`), whose access tokens last {BenchPlan.AccessTokenLifetime:c}: due for renewal {BenchPlan.RenewalDueAfter.TotalSeconds:F0} s after connecting, in real time"));
        }
        if (!string.IsNullOrWhiteSpace(note))
        {
            text.AppendLine(Invariant($"- **What the machine was doing:** {note}"));
        }

        text.AppendLine();
        foreach (var section in _measurements.GroupBy(m => m.Section))
        {
            text.AppendLine(Invariant($"## {section.Key}"));
            text.AppendLine();
            text.AppendLine("| flow | what | measured | target | |");
            text.AppendLine("|---|---|---|---|---|");
            foreach (var m in section)
            {
                text.AppendLine(Invariant($"| {m.Flow} | {m.What} | {m.Value} | {m.Target} | {m.Verdict} |"));
            }

            text.AppendLine();
        }

        var missed = Missed.ToList();
        text.AppendLine(missed.Count == 0
            ? "**Every target met.**"
            : Invariant($"**{missed.Count} target(s) missed:** {string.Join("; ", missed.Select(m => $"{m.Flow} {m.What}"))}."));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ToString());
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Configuration() =>
        typeof(Report).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration;

    private static string CpuModel() =>
        ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static string MemoryGiB()
    {
        var total = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return total is null ? "?" : (long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture);
    }

    private static string LoadAverage() =>
        string.Join(", ", ReadLines("/proc/loadavg").FirstOrDefault()?.Split(' ').Take(3) ?? ["?"]);

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];

    private static string Commit()
    {
        var head = Git("rev-parse --short HEAD");
        var dirty = Git("status --porcelain --untracked-files=no").Length > 0 ? " with uncommitted changes" : "";
        var subject = Git("log -1 --format=%s");
        return Invariant($"`{head}`{dirty} ({subject})");
    }

    private static string Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (no git)";
        }
    }
}
