using System.Diagnostics;

namespace SmartcarClean.Web.Operations;

/// <summary>
/// What a span may say about a URL. A query may hold Connect's code and state, a path Smartcar's vehicle and user ids
/// or this app's: the server span keeps its route (<c>http.route</c>, e.g. <c>/vehicles/{id}</c>) and loses the path
/// and query; a call to Smartcar keeps its host and path with every id after <c>vehicles</c> or <c>users</c> replaced.
/// </summary>
public static class TelemetryRedaction
{
    private static readonly HashSet<string> SegmentsBeforeAnId = new(StringComparer.OrdinalIgnoreCase) { "vehicles", "users" };

    public static void RedactServerSpan(Activity span)
    {
        span.SetTag("url.path", null);
        span.SetTag("url.query", null);
    }

    public static void RedactClientSpan(Activity span, Uri? url)
    {
        span.SetTag("url.full", url is null ? null : Redacted(url));
        span.SetTag("url.query", null);
    }

    /// <summary>The URL without its query, each id in its path as <c>{id}</c>: https://api.smartcar.com/v2.0/vehicles/{id}/odometer.</summary>
    public static string Redacted(Uri url)
    {
        var segments = url.AbsolutePath.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            if (SegmentsBeforeAnId.Contains(segments[i - 1]) && segments[i].Length > 0)
            {
                segments[i] = "{id}";
            }
        }

        return $"{url.GetLeftPart(UriPartial.Authority)}{string.Join('/', segments)}";
    }
}
