namespace SmartcarClean.Application.Ports;

// Every method throws SmartcarApiException (status 0, code UNREACHABLE) when no answer comes: a refused or dropped
// connection or a timeout, once retries are spent. Callers never see HttpRequestException. A rate limit (429), a
// used-up plan (430) or a server error (5xx) is a SmartcarApiException too: it says nothing about the code or token.

/// <summary>Smartcar's OAuth token endpoint.</summary>
public interface ISmartcarAuth
{
    /// <summary>The redirect URI is the one sent to Connect, or null when Connect used the application's default.</summary>
    /// <exception cref="SmartcarAuthException">Smartcar refused the exchange.</exception>
    Task<TokenResponse> ExchangeCodeAsync(string code, string? redirectUri, CancellationToken cancellationToken);

    /// <summary>A new access and refresh token for a refresh token; Smartcar invalidates the old one a minute later.</summary>
    /// <exception cref="SmartcarAuthException">Smartcar refused the refresh token.</exception>
    Task<TokenResponse> RefreshAsync(string refreshToken, CancellationToken cancellationToken);

    /// <summary>The server-side flow's application token (<c>grant_type=client_credentials</c>); it has no refresh token.</summary>
    /// <exception cref="SmartcarAuthException">Smartcar refused the application's credentials.</exception>
    Task<ApplicationTokenResponse> GetApplicationTokenAsync(CancellationToken cancellationToken);
}
