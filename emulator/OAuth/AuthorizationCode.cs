using SmartcarClean.Emulator.World;

namespace SmartcarClean.Emulator.OAuth;

/// <summary>The single-use code Connect's Allow issues; <c>/oauth/token</c> exchanges it for a <see cref="TokenPair"/>.</summary>
public sealed class AuthorizationCode(string value, Grant grant, string redirectUri, DateTimeOffset expiresAt)
{
    public string Value { get; } = value;

    public Grant Grant { get; } = grant;

    /// <summary>The redirect URI Connect sent the user to (the application's default when none was given).</summary>
    public string RedirectUri { get; } = redirectUri;

    /// <summary>Whether <c>/oauth/authorize</c> named the redirect URI; only then must the exchange repeat it (RFC 6749 §4.1.3).</summary>
    public bool RedirectUriSent { get; init; } = true;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public bool Used { get; set; }

    /// <summary>The exchange's redirect_uri must equal the one sent to Connect; if none was sent it may be left out.</summary>
    public bool AcceptsRedirectUri(string? redirectUri) =>
        redirectUri == RedirectUri || (redirectUri is null && !RedirectUriSent);
}
