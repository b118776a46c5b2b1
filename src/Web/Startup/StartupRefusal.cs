using Microsoft.Extensions.Options;
using SmartcarClean.Infrastructure.Persistence;

namespace SmartcarClean.Web.Startup;

/// <summary>Settings the app cannot run with, found before it starts.</summary>
public sealed class InvalidSettingsException(string message) : Exception(message);

/// <summary>
/// The app refuses to start on settings it cannot run with, and says why in one line on stderr: no log, no stack
/// trace. So every setting is checked before the host starts (the host would first log "Hosting failed to start").
/// </summary>
public static class StartupRefusal
{
    /// <summary>Runs the start-up validation of every option (ValidateOnStart), as the host would, but now.</summary>
    public static void ValidateSettings(this IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();

    /// <summary>The one-line reason when the exception is about settings; null for anything else, a real failure.</summary>
    public static string? Reason(Exception exception) => exception switch
    {
        InvalidSettingsException invalid => invalid.Message,
        // A database that cannot be opened or migrated: the driver's reason, without its stack.
        DatabaseUnusableException unusable => unusable.Message,
        // Settings Smartcar would refuse, each named with the rule it breaks.
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        // A setting that is not even of the right type (e.g. Smartcar:Flow=Sideways): the binder names it.
        // A number may be wrapped once more (an ArgumentException between), so the chain is searched.
        InvalidOperationException unreadable when FormatProblem(unreadable) is { } format => $"{unreadable.Message} {format.Message}",
        // Several settings sections wrong at once (e.g. Smartcar and RateLimits): every one of them, still one line.
        AggregateException several when several.InnerExceptions.All(inner => Reason(inner) is not null) =>
            string.Join(" ", several.InnerExceptions.Select(Reason)),
        _ => null,
    };

    private static FormatException? FormatProblem(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is FormatException format)
            {
                return format;
            }
        }

        return null;
    }
}
