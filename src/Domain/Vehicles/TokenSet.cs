namespace SmartcarClean.Domain.Vehicles;

/// <summary>
/// The tokens Smartcar issues for one connection. The access token lasts as long as Smartcar says (two hours);
/// Smartcar does not say how long the refresh token lasts, it documents sixty days, so that is counted here.
/// </summary>
public sealed record TokenSet(
    string AccessToken,
    string RefreshToken,
    DateTimeOffset AccessTokenExpiresAt,
    DateTimeOffset RefreshTokenExpiresAt)
{
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(60);

    /// <summary>How long before its expiry an access token is refreshed, so no request leaves with a token about to lapse.</summary>
    public static readonly TimeSpan RefreshSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// What a stored token reads as when it cannot be decrypted, e.g. the key it was encrypted with is gone. Never a
    /// token Smartcar issues (those are UUIDs), so it is never sent.
    /// </summary>
    public const string Unreadable = "(unreadable)";

    /// <summary>The stored tokens could not be decrypted: only a new Connect brings the connection back.</summary>
    public bool AreUnreadable => AccessToken == Unreadable || RefreshToken == Unreadable;

    public static TokenSet Issued(string accessToken, string refreshToken, int expiresInSeconds, DateTimeOffset now) =>
        new(accessToken, refreshToken, now.AddSeconds(expiresInSeconds), now + RefreshTokenLifetime);

    /// <summary>A token is expired at or after its expiry instant.</summary>
    public bool IsAccessTokenExpired(DateTimeOffset now) => now >= AccessTokenExpiresAt;

    public bool IsRefreshTokenExpired(DateTimeOffset now) => now >= RefreshTokenExpiresAt;

    /// <summary>True from <see cref="RefreshSkew"/> before the access token's expiry on.</summary>
    public bool NeedsRefresh(DateTimeOffset now) => now >= AccessTokenExpiresAt - RefreshSkew;

    /// <summary>Never prints the token values, so a token set that reaches a log line leaks nothing.</summary>
    public override string ToString() =>
        $"TokenSet {{ AccessTokenExpiresAt = {AccessTokenExpiresAt:O}, RefreshTokenExpiresAt = {RefreshTokenExpiresAt:O} }}";
}
