namespace SmartcarClean.Emulator;

/// <summary>A vehicle; its compatibility level decides which requested permissions Connect can grant for it.</summary>
public sealed record Vehicle(string Id, string Make, string Model, int Year, string Vin,
    CompatibilityLevel Compatibility = CompatibilityLevel.Compatible);

/// <summary>A Smartcar user: one per login email, owning a fixed set of vehicles.</summary>
public sealed record SmartcarUser(string Id, string Email, IReadOnlyList<Vehicle> Vehicles);

/// <summary>
/// What the user allowed one application to access at the end of a Connect session: the vehicles (one with
/// single_select) and the granted scopes (the requested ones each vehicle supports, without <c>required:</c>).
/// </summary>
public sealed record Grant(string ClientId, SmartcarUser User, IReadOnlyList<Vehicle> Vehicles, IReadOnlyList<string> Scopes, string Mode);

/// <summary>The validated parameters of one <c>/oauth/authorize</c> call.</summary>
public sealed record ConnectRequest(
    RegisteredApplication Application,
    string RedirectUri,
    IReadOnlyList<string> Scopes,
    string? State,
    string Mode,
    string? Make)
{
    /// <summary>False when <c>redirect_uri</c> was left out and the application's default is used.</summary>
    public bool RedirectUriSent { get; init; } = true;

    /// <summary><c>code</c> (redirect with a code) or <c>none</c> (the server-side flow: <c>user_id</c> only).</summary>
    public string ResponseType { get; init; } = "code";

    /// <summary><c>approval_prompt=force</c>: show the permissions page even when the user already granted the same.</summary>
    public bool ForceApproval { get; init; }

    /// <summary>The scopes sent with the <c>required:</c> prefix: the vehicle must support them.</summary>
    public IReadOnlyList<string> RequiredScopes { get; init; } = [];

    public bool SingleSelect { get; init; }

    public string? SingleSelectVin { get; init; }

    /// <summary><c>flags</c>: space-separated <c>name:value</c> pairs, e.g. <c>country:DE</c>.</summary>
    public IReadOnlyDictionary<string, string> Flags { get; init; } = new Dictionary<string, string>();

    /// <summary><c>user</c>: the developer's own id for the vehicle owner (analytics only).</summary>
    public string? User { get; init; }
}

/// <summary>A user's walk through the Connect pages; it ends at Allow or Deny.</summary>
public sealed class ConnectSession(string id, ConnectRequest request)
{
    public string Id { get; } = id;

    public ConnectRequest Request { get; } = request;

    public string? Make { get; set; } = request.Make;

    public SmartcarUser? User { get; set; }

    /// <summary>What Allow will grant, worked out at sign-in; shown on the permissions page.</summary>
    public Grant? PendingGrant { get; set; }
}

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

public sealed record AccessToken(string Value, Grant Grant, DateTimeOffset ExpiresAt);

public sealed class RefreshToken(string value, Grant grant, DateTimeOffset expiresAt)
{
    public string Value { get; } = value;

    public Grant Grant { get; } = grant;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>Set on first use; the token keeps working for a grace period after it.</summary>
    public DateTimeOffset? FirstUsedAt { get; set; }
}

public sealed record TokenPair(AccessToken Access, RefreshToken Refresh);

public enum TokenFailure
{
    None,
    InvalidCode,
    RedirectUriMismatch,
    InvalidRefreshToken,
}

public sealed record TokenResult(TokenPair? Tokens, TokenFailure Failure)
{
    public static TokenResult Failed(TokenFailure failure) => new(null, failure);

    public static TokenResult Issued(TokenPair tokens) => new(tokens, TokenFailure.None);
}
