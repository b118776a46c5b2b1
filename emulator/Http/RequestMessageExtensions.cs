using WireMock;

namespace SmartcarClean.Emulator.Http;

internal static class RequestMessageExtensions
{
    /// <summary>The first value of a header, matched case-insensitively as HTTP requires.</summary>
    public static string? Header(this IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}
