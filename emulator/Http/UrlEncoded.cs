using WireMock;

namespace SmartcarClean.Emulator.Http;

/// <summary>
/// Parses query strings and url-encoded form bodies ourselves, so values arrive byte-for-byte
/// (WireMock's own query parsing may split values on commas).
/// </summary>
internal static class UrlEncoded
{
    public static IReadOnlyDictionary<string, string> Parse(string? encoded)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (encoded ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(separator < 0 ? pair : pair[..separator]);
            var value = separator < 0 ? "" : Decode(pair[(separator + 1)..]);
            values.TryAdd(name, value); // the first occurrence wins
        }

        return values;
    }

    public static IReadOnlyDictionary<string, string> Query(IRequestMessage request) => Parse(request.RawQuery);

    public static IReadOnlyDictionary<string, string> Form(IRequestMessage request) =>
        Parse(request.Body ?? request.BodyData?.BodyAsString);

    /// <summary>Appends parameters to a URI that may already carry a query.</summary>
    public static string AppendQuery(string uri, IEnumerable<(string Name, string? Value)> parameters)
    {
        var query = string.Join('&', parameters
            .Where(p => p.Value is not null)
            .Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value!)}"));
        if (query.Length == 0)
        {
            return uri;
        }

        var separator = !uri.Contains('?', StringComparison.Ordinal) ? "?"
            : uri.EndsWith('?') || uri.EndsWith('&') ? ""
            : "&";
        return uri + separator + query;
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
