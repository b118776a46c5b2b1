namespace SmartcarClean.Domain.Connect;

/// <summary>
/// The redirect URI formats Smartcar accepts (Smartcar's registration docs): <c>http://</c> on localhost only, any
/// <c>https://</c>, the JavaScript SDK page <c>https://javascript-sdk.smartcar.com/v2/redirect?app_origin=ORIGIN</c>
/// with an origin-only ORIGIN, and the mobile custom scheme <c>sc{clientId}://host[/path]</c>.
/// </summary>
public static class RedirectUri
{
    public const string JavaScriptSdkHost = "javascript-sdk.smartcar.com";

    private const string AppOriginParameter = "app_origin=";

    /// <summary>Null when Smartcar would accept <paramref name="value"/> for <paramref name="clientId"/>; otherwise the rule it breaks.</summary>
    public static string? FindViolation(string value, string clientId)
    {
        // "://" first: on Linux "/exchange" parses as an absolute file URI.
        if (!value.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return "A redirect URI must be an absolute URI, such as http://localhost:8000/exchange.";
        }

        if (uri.Fragment.Length > 0 || value.Contains('#', StringComparison.Ordinal))
        {
            return "A redirect URI must not have a fragment (#...).";
        }

        return uri.Scheme switch
        {
            "http" => IsLocalhost(uri) ? null : "http:// is allowed only for localhost; use https:// for any other host.",
            "https" when string.Equals(uri.Host, JavaScriptSdkHost, StringComparison.OrdinalIgnoreCase) => JavaScriptSdkViolation(uri),
            "https" => null,
            _ when uri.Scheme.StartsWith("sc", StringComparison.Ordinal) => CustomSchemeViolation(uri, clientId),
            _ => $"The scheme {uri.Scheme}:// is not allowed: use https://, http://localhost, the JavaScript SDK redirect or sc{{clientId}}://.",
        };
    }

    /// <summary>
    /// Whether <paramref name="value"/> names Smartcar's JavaScript SDK redirect page (valid or not): the page Connect
    /// sends a pop-up to, which hands the result to the window that opened it.
    /// </summary>
    public static bool IsJavaScriptSdk(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme == "https"
        && string.Equals(uri.Host, JavaScriptSdkHost, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The <c>app_origin</c> of a valid JavaScript SDK redirect URI: the only origin the redirect page hands Connect's
    /// result to, so the page that opens the pop-up must be served from it. Null for any other redirect URI.
    /// </summary>
    public static string? AppOriginOf(string value, string clientId)
    {
        if (!IsJavaScriptSdk(value) || FindViolation(value, clientId) is not null)
        {
            return null;
        }

        var query = new Uri(value).Query.TrimStart('?');
        return Uri.UnescapeDataString(query[AppOriginParameter.Length..]);
    }

    private static string? JavaScriptSdkViolation(Uri uri)
    {
        if (uri.AbsolutePath != "/v2/redirect")
        {
            return $"The JavaScript SDK redirect must be https://{JavaScriptSdkHost}/v2/redirect?app_origin=ORIGIN.";
        }

        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries);
        var origins = query.Where(p => p.StartsWith(AppOriginParameter, StringComparison.Ordinal)).ToList();
        if (query.Length != 1 || origins.Count != 1)
        {
            return "The JavaScript SDK redirect must carry exactly one parameter, app_origin.";
        }

        var origin = Uri.UnescapeDataString(origins[0][AppOriginParameter.Length..]);
        return IsOrigin(origin)
            ? null
            : "app_origin must be an origin only (scheme, host and optional port, http only for localhost), with no path, query or fragment.";
    }

    private static string? CustomSchemeViolation(Uri uri, string clientId)
    {
        if (!string.Equals(uri.Scheme, $"sc{clientId}", StringComparison.OrdinalIgnoreCase))
        {
            return $"A custom-scheme redirect URI must use this application's own scheme, sc{clientId}://.";
        }

        return uri.Host.Length > 0 ? null : "A custom-scheme redirect URI needs a host, as in sc{clientId}://callback.";
    }

    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var origin)
        && (origin.Scheme == "https" || (origin.Scheme == "http" && IsLocalhost(origin)))
        && string.Equals(value.TrimEnd('/'), origin.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
        && !value.EndsWith('/');

    private static bool IsLocalhost(Uri uri) => string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase);
}
