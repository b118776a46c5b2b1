namespace SmartcarClean.Emulator.Http;

/// <summary>The headers Smartcar adds to vehicle data: when it was recorded, fetched, and in which units.</summary>
internal static class SmartcarHeaders
{
    public static IReadOnlyDictionary<string, string> For(DateTimeOffset now, UnitSystem units)
    {
        var timestamp = Iso8601(now);
        return new Dictionary<string, string>
        {
            ["sc-data-age"] = timestamp,
            ["sc-fetched-at"] = timestamp,
            [UnitSystem.Header] = units.Name,
        };
    }

    public static string Iso8601(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
