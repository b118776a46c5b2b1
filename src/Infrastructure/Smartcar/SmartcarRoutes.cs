using System.Text.RegularExpressions;

namespace SmartcarClean.Infrastructure.Smartcar;

/// <summary>
/// What a Smartcar call's address says without naming anyone: its route template for the metrics (every id replaced
/// by <c>{id}</c>, the query dropped) and the vehicle it is about, for the rate-limit holds.
/// </summary>
internal static partial class SmartcarRoutes
{
    public const string IdPlaceholder = "{id}";

    // The segment after one of these is an id: /v2.0/vehicles/{id}, /v3/connections/{id}, /v3/users/{id}.
    private static readonly string[] CollectionsOfIds = ["vehicles", "users", "connections"];

    /// <summary>E.g. <c>POST /v2.0/vehicles/{id}/batch</c>. Never an id, a token or a query value.</summary>
    public static string Template(HttpMethod method, Uri? address)
    {
        var segments = Segments(address);
        var template = segments.Select((segment, i) =>
            i > 0 && CollectionsOfIds.Contains(segments[i - 1], StringComparer.OrdinalIgnoreCase) || !IsWord(segment)
                ? IdPlaceholder
                : segment.ToLowerInvariant());
        return $"{method.Method} /{string.Join('/', template)}";
    }

    /// <summary>The vehicle id of <c>/v2.0/vehicles/{id}/...</c> or <c>/v3/vehicles/{id}/...</c>; null for other calls.</summary>
    public static string? VehicleIdIn(Uri? address) =>
        Segments(address) is [var version, var collection, var id, ..]
            && version is "v2.0" or "v3"
            && collection == "vehicles"
            ? id
            : null;

    private static string[] Segments(Uri? address) =>
        address is null
            ? []
            : [.. address.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString)];

    // A fixed word of Smartcar's routes (odometer, batch, oauth2, v2.0, ...), not something that could be an id: a
    // segment with a digit anywhere but in a version or oauth2 is taken for an id, which keeps the metric's
    // values few and free of ids even for a route the app adds later.
    private static bool IsWord(string segment) => WordPattern().IsMatch(segment);

    [GeneratedRegex(@"^(v\d+(\.\d+)?|oauth2|[a-z][a-z_-]{0,39})$", RegexOptions.IgnoreCase)]
    private static partial Regex WordPattern();
}
