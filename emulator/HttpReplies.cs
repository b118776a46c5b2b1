using System.Text;
using System.Text.Json;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace SmartcarClean.Emulator;

/// <summary>Builds WireMock response messages with the right Content-Type and a Smartcar request id.</summary>
internal static class HttpReplies
{
    public const string RequestIdHeader = "sc-request-id";

    public static ResponseMessage Json(int status, object body, string? requestId = null) =>
        Create(status, "application/json", JsonSerializer.Serialize(body), requestId);

    public static ResponseMessage Html(int status, string html) =>
        Create(status, "text/html; charset=utf-8", html, null);

    /// <summary>A success with no body, e.g. 204 No Content.</summary>
    public static ResponseMessage NoContent() => Create(204, null, null, null);

    public static ResponseMessage Redirect(string location)
    {
        var reply = Create(302, null, null, null);
        reply.AddHeader("Location", location);
        return reply;
    }

    private static ResponseMessage Create(int status, string? contentType, string? body, string? requestId)
    {
        var reply = new ResponseMessage
        {
            StatusCode = status,
            Headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase),
        };
        reply.AddHeader(RequestIdHeader, requestId ?? Guid.NewGuid().ToString());
        if (contentType is not null)
        {
            reply.AddHeader("Content-Type", contentType);
        }

        if (body is not null)
        {
            reply.BodyData = new BodyData
            {
                BodyAsString = body,
                DetectedBodyType = BodyType.String,
                Encoding = Encoding.UTF8,
            };
        }

        return reply;
    }
}

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

internal static class RequestMessageExtensions
{
    /// <summary>The first value of a header, matched case-insensitively as HTTP requires.</summary>
    public static string? Header(this IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}
