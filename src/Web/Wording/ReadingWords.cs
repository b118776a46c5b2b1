using System.Globalization;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.Vehicles.RefreshVehicleReadings;

namespace SmartcarClean.Web.Wording;

/// <summary>How old a reading is, and why there is nothing fresher, in words.</summary>
public static class ReadingWords
{
    /// <summary>"just now", "1 minute ago", "2 minutes ago", "3 hours ago", "2 days ago", from the app's now.</summary>
    public static string Ago(DateTimeOffset recorded, DateTimeOffset now)
    {
        var age = now - recorded;
        return age switch
        {
            _ when age < TimeSpan.FromMinutes(1) => "just now",
            _ when age < TimeSpan.FromHours(1) => Count((int)age.TotalMinutes, "minute") + " ago",
            _ when age < TimeSpan.FromDays(1) => Count((int)age.TotalHours, "hour") + " ago",
            _ => Count((int)age.TotalDays, "day") + " ago",
        };
    }

    /// <summary>Above the readings when Smartcar could not answer for any of them this time.</summary>
    public static string NotFresher(SmartcarProblem problem) =>
        $"These are the readings kept from before: Smartcar gave no newer ones. {SmartcarErrorMessages.For(problem)}";

    /// <summary>Beside one reading whose stored value stays because Smartcar gave no newer one.</summary>
    /// <summary>The readings were fetched for this view but the app could not save them.</summary>
    public const string NotKept =
        "These readings are new, but the app could not keep them this time: the next view of this car asks it again.";

    public static string NotNewer(SmartcarProblem problem) => $"Not newer: {SmartcarErrorMessages.For(problem)}";

    /// <summary>A second "Refresh now" within the minute.</summary>
    public static string TooSoon(RefreshVehicleReadingsOutcome.TooSoon tooSoon)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling((tooSoon.AllowedAt - tooSoon.Now).TotalSeconds));
        return string.Create(CultureInfo.InvariantCulture,
            $"These readings were asked for less than a minute ago. You can refresh them again in {Count(seconds, "second")}, at {tooSoon.AllowedAt.UtcDateTime:HH:mm:ss} UTC.");
    }

    private static string Count(int count, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? "" : "s")}");
}
