using SmartcarClean.Emulator.World;

namespace SmartcarClean.Emulator.OAuth;

/// <summary>A refresh token: <c>/oauth/token</c> rotates it into a new pair.</summary>
public sealed class RefreshToken(string value, Grant grant, DateTimeOffset expiresAt)
{
    public string Value { get; } = value;

    public Grant Grant { get; } = grant;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>Set on first use; the token keeps working for a grace period after it.</summary>
    public DateTimeOffset? FirstUsedAt { get; set; }
}
