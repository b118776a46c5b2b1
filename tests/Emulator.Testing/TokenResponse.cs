using System.Text.Json;

namespace SmartcarClean.Emulator.Testing;

/// <summary>The token endpoint's answer to a code exchange or refresh.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken)
{
    public static TokenResponse From(JsonElement json) => new(
        json.GetProperty("access_token").GetString()!,
        json.GetProperty("token_type").GetString()!,
        json.GetProperty("expires_in").GetInt32(),
        json.GetProperty("refresh_token").GetString()!);
}
