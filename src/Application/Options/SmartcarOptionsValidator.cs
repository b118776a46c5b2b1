using Microsoft.Extensions.Options;
using SmartcarClean.Domain.Connect;

namespace SmartcarClean.Application.Options;

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

        ValidatePopup(options, failures);

        if (!Modes.Contains(options.Mode))
        {
            failures.Add($"{Setting(nameof(options.Mode))} '{options.Mode}' must be one of {string.Join(", ", Modes)}.");
        }

        foreach (var unknown in options.AllowedModes.Where(mode => !Modes.Contains(mode)))
        {
            failures.Add($"{Setting(nameof(options.AllowedModes))} '{unknown}' must be one of {string.Join(", ", Modes)}.");
        }

        if (options.AllowedModes.Count > 0 && !options.AllowedModes.Contains(options.Mode))
        {
            failures.Add($"{Setting(nameof(options.AllowedModes))} must include {Setting(nameof(options.Mode))} '{options.Mode}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // The pop-up's redirect page posts Connect's result to app_origin only: a page of any other origin never hears it.
    private static void ValidatePopup(SmartcarOptions options, List<string> failures)
    {
        var popup = options.PopupRedirectUri;
        if (string.IsNullOrEmpty(popup))
        {
            if (options.ConnectInPopup)
            {
                failures.Add($"{Setting(nameof(options.ConnectInPopup))} needs {Setting(nameof(options.PopupRedirectUri))}.");
            }

            return;
        }

        if (!RedirectUri.IsJavaScriptSdk(popup))
        {
            failures.Add($"{Setting(nameof(options.PopupRedirectUri))} '{popup}' must be the JavaScript SDK redirect page, " +
                $"https://{RedirectUri.JavaScriptSdkHost}/v2/redirect?app_origin=ORIGIN.");
        }
        else if (RedirectUri.FindViolation(popup, options.ClientId) is { } rule)
        {
            failures.Add($"{Setting(nameof(options.PopupRedirectUri))} '{popup}' is not a redirect URI Smartcar accepts: {rule}");
        }
        else if (Uri.TryCreate(options.RedirectUri, UriKind.Absolute, out var redirectUri)
            && RedirectUri.AppOriginOf(popup, options.ClientId) is { } appOrigin
            && !string.Equals(appOrigin, redirectUri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{Setting(nameof(options.PopupRedirectUri))}: app_origin '{appOrigin}' must be the app's own origin, " +
                $"the one of {Setting(nameof(options.RedirectUri))} ({redirectUri.GetLeftPart(UriPartial.Authority)}).");
        }
    }

    private static string Setting(string property) => $"{SmartcarOptions.Section}:{property}";
}
