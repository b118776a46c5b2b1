using Microsoft.Extensions.Options;
using SmartcarClean.Domain.Connect;

namespace SmartcarClean.Application.Common;

/// <summary>Checked at start-up: the app refuses to start on settings Smartcar would refuse, naming the setting and the rule.</summary>
internal sealed class SmartcarOptionsValidator : IValidateOptions<SmartcarOptions>
{
    private static readonly string[] Modes = ["live", "test", "simulated"];

    public ValidateOptionsResult Validate(string? name, SmartcarOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{Setting(nameof(options.ClientId))} is required (SMARTCAR_CLIENT_ID).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{Setting(nameof(options.ClientSecret))} is required (SMARTCAR_CLIENT_SECRET).");
        }

        // An empty redirect URI is allowed: Smartcar then uses the application's default one.
        if (!string.IsNullOrEmpty(options.RedirectUri)
            && RedirectUri.FindViolation(options.RedirectUri, options.ClientId) is { } rule)
        {
            failures.Add($"{Setting(nameof(options.RedirectUri))} '{options.RedirectUri}' is not a redirect URI Smartcar accepts: {rule}");
        }

        if (!Modes.Contains(options.Mode))
        {
            failures.Add($"{Setting(nameof(options.Mode))} '{options.Mode}' must be one of {string.Join(", ", Modes)}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Setting(string property) => $"{SmartcarOptions.Section}:{property}";
}
