using System.Text.RegularExpressions;
using SmartcarClean.Emulator.Http;

namespace SmartcarClean.Emulator.Applications;

/// <summary>
/// The four redirect URI formats Smartcar's dashboard accepts (seed 000, reference §3):
/// <c>http://</c> on localhost only, any <c>https://</c>, the JavaScript SDK redirect page with an
/// origin-only <c>app_origin</c>, and the mobile custom scheme <c>sc{clientId}://host[/path]</c>.
/// "localhost" means the name localhost, as Smartcar's docs write it; a loopback address such as 127.0.0.1 is refused.
/// </summary>
public static partial class RedirectUriRules
{
    public const string JavaScriptSdkRedirect = "https://javascript-sdk.smartcar.com/v2/redirect";

    private const string JavaScriptSdkHost = "javascript-sdk.smartcar.com";
    private const string AppOriginParameter = "app_origin";

    /// <summary>Null when <paramref name="redirectUri"/> may be registered for the application; otherwise the rule it breaks.</summary>
    public static string? Violation(string redirectUri, string clientId)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        ArgumentNullException.ThrowIfNull(clientId);
        if (redirectUri.Length == 0)
        {
            return "A redirect URI must not be empty.";
        }

        if (redirectUri.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return $"Redirect URI '{redirectUri}' must not contain spaces or control characters.";
        }

        // The scheme check comes first because on Unix Uri also reads "/path" as an absolute file URI.
        if (!SchemeAndAuthority().IsMatch(redirectUri) || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri))
        {
            return $"Redirect URI '{redirectUri}' is not an absolute URI (scheme://host...).";
        }

        if (redirectUri.Contains('#', StringComparison.Ordinal))
        {
            return $"Redirect URI '{redirectUri}' must not contain a fragment (#).";
        }

        return uri.Scheme switch
        {
            "http" => IsLocalhost(uri) ? null : $"Redirect URI '{redirectUri}': http:// is allowed only on localhost; use https://.",
            "https" when uri.Host.Equals(JavaScriptSdkHost, StringComparison.OrdinalIgnoreCase) => JavaScriptSdkViolation(redirectUri),
            "https" => null,
            _ => CustomSchemeViolation(redirectUri, clientId),
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the broken rule; for configuration read at startup.</summary>
    public static void Validate(string redirectUri, string clientId)
    {
        if (Violation(redirectUri, clientId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(redirectUri));
        }
    }

    private static string? JavaScriptSdkViolation(string redirectUri)
    {
        var rule = $"JavaScript SDK redirect URIs must be {JavaScriptSdkRedirect}?{AppOriginParameter}=ORIGIN";
        var separator = redirectUri.IndexOf('?', StringComparison.Ordinal);
        if (separator < 0 || !redirectUri[..separator].Equals(JavaScriptSdkRedirect, StringComparison.OrdinalIgnoreCase))
        {
            return $"Redirect URI '{redirectUri}': {rule}.";
        }

        var query = UrlEncoded.Parse(redirectUri[(separator + 1)..]);
        if (query.Count != 1 || !query.TryGetValue(AppOriginParameter, out var origin))
        {
            return $"Redirect URI '{redirectUri}': {rule}, with {AppOriginParameter} as its only parameter.";
        }

        return OriginViolation(origin) is { } problem ? $"Redirect URI '{redirectUri}': {problem}" : null;
    }

    // What window.location.origin gives: scheme://host[:port], nothing after it (not even a slash).
    private static string? OriginViolation(string origin)
    {
        var rule = $"{AppOriginParameter} must be an origin only (scheme://host[:port]) without path, query or fragment";
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return $"{rule}; '{origin}' is not an http or https URL.";
        }

        var afterScheme = origin[(uri.Scheme.Length + "://".Length)..];
        if (afterScheme.IndexOfAny(['/', '?', '#', '@']) >= 0)
        {
            return $"{rule}; got '{origin}'.";
        }

        return uri.Scheme == "http" && !IsLocalhost(uri)
            ? $"{AppOriginParameter} '{origin}': http:// is allowed only on localhost; use https://."
            : null;
    }

    private static bool IsLocalhost(Uri uri) => string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase);

    private static string? CustomSchemeViolation(string redirectUri, string clientId)
    {
        var scheme = $"sc{clientId}";
        if (!redirectUri.StartsWith(scheme + "://", StringComparison.OrdinalIgnoreCase))
        {
            return $"Redirect URI '{redirectUri}': a custom scheme must be {scheme}:// (sc followed by this application's client id).";
        }

        return HostWithOptionalPath().IsMatch(redirectUri[(scheme.Length + "://".Length)..])
            ? null
            : $"Redirect URI '{redirectUri}': a custom-scheme URI must be {scheme}://host[/path], without port or query.";
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*://")]
    private static partial Regex SchemeAndAuthority();

    // A hostname (labels of letters, digits and hyphens, optionally with a TLD), then an optional path.
    [GeneratedRegex(@"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(/[^?#]*)?$")]
    private static partial Regex HostWithOptionalPath();
}
