using System.Net.Http.Headers;
using SmartcarClean.Emulator.Http;
using WireMock;

namespace SmartcarClean.Emulator.Steering;

/// <summary>
/// Who may steer the emulator: a developer or test on this machine, not a web page. A loopback <c>Host</c> only (a
/// DNS-rebinding page reaches 127.0.0.1 under its own name), no other site's <c>Origin</c> (browsers send it on
/// cross-site requests; curl sends none), and JSON bodies only (an HTML form cannot send <c>application/json</c>).
/// </summary>
internal static class SteeringGuard
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>The refusal to send instead of handling <paramref name="request"/>, or null when it may be handled.</summary>
    public static (int Status, string Error, string Message)? Refusal(IRequestMessage request)
    {
        var host = request.Header("Host") ?? "";
        if (!IsLoopback(host))
        {
            return (400, "invalid_host",
                $"The steering API answers only on localhost, 127.0.0.1 or [::1], not on '{host}'.");
        }

        var origin = request.Header("Origin");
        if (origin is not null && !string.Equals(origin, $"http://{host}", StringComparison.OrdinalIgnoreCase))
        {
            return (403, "forbidden_origin",
                $"The steering API refuses requests from other sites' pages (Origin '{origin}').");
        }

        var changes = request.Method.ToUpperInvariant() is "POST" or "PUT" or "DELETE";
        var contentType = request.Header("Content-Type");
        var hasBody = !string.IsNullOrEmpty(request.Body ?? request.BodyData?.BodyAsString);
        if (changes && (contentType is not null || hasBody) && !IsJson(contentType))
        {
            return (415, "unsupported_media_type",
                $"Send the body as JSON with Content-Type: application/json (got '{contentType ?? "none"}').");
        }

        return null;
    }

    private static bool IsLoopback(string host)
    {
        // The port, if any, follows the last ':' after the name ("[::1]:8010" keeps its brackets).
        var colon = host.LastIndexOf(':');
        var name = colon > host.LastIndexOf(']') ? host[..colon] : host;
        var port = colon > host.LastIndexOf(']') ? host[(colon + 1)..] : "";
        return LoopbackHosts.Contains(name, StringComparer.OrdinalIgnoreCase) && port.All(char.IsAsciiDigit);
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && string.Equals(parsed.MediaType, "application/json", StringComparison.OrdinalIgnoreCase);
}
