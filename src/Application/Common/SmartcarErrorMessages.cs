using System.Globalization;

namespace SmartcarClean.Application.Common;

/// <summary>What to tell a person when Smartcar's API says no, by the error's documented type and code.</summary>
public static class SmartcarErrorMessages
{
    public static string For(SmartcarApiException error) => error.Type switch
    {
        "RATE_LIMIT" => error.RetryAfter is { } wait
            ? $"Smartcar is limiting requests right now. Please try again in {Describe(wait)}."
            : "Smartcar is limiting requests right now. Please try again in a few minutes.",
        "PERMISSION" => "You did not allow this app to do this for this car. Connect again and allow it.",
        "AUTHENTICATION" => "Access to this car has ended. Please connect it again.",
        "UPSTREAM" or "SERVER" => error.SuggestedUserMessage
            ?? "Smartcar or the car maker did not answer. Please try again in a few minutes.",
        _ => error.SuggestedUserMessage ?? error.Description ?? "Smartcar could not do this right now. Please try again later.",
    };

    private static string Describe(TimeSpan wait) => wait.TotalSeconds < 90
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Ceiling(wait.TotalMinutes)} minutes");
}
