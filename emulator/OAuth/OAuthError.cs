using SmartcarClean.Emulator.Http;
using WireMock;

namespace SmartcarClean.Emulator.OAuth;

/// <summary>The token endpoints' error body, OAuth style (RFC 6749 §5.2): <c>{"error","error_description"}</c>.</summary>
internal static class OAuthError
{
    public static ResponseMessage Json(int status, string error, string description) =>
        HttpReplies.Json(status, new { error, error_description = description });
}
