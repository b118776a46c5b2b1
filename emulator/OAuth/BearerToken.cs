using SmartcarClean.Emulator.Http;
using WireMock;

namespace SmartcarClean.Emulator.OAuth;

/// <summary>The token of an <c>Authorization: Bearer</c> header (RFC 6750), as both vehicle APIs read it.</summary>
internal static class BearerToken
{
    /// <summary>The token, or null when the request has no Bearer authorization.</summary>
    public static string? From(IRequestMessage request)
    {
        var header = request.Header("Authorization");
        const string Scheme = "Bearer ";
        return header is not null && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? header[Scheme.Length..].Trim()
            : null;
    }
}
