namespace SmartcarClean.Emulator;

public sealed record Vehicle(string Id, string Make, string Model, int Year, string Vin);

/// <summary>A Smartcar user: one per login email, owning a fixed set of vehicles.</summary>
public sealed record SmartcarUser(string Id, string Email, IReadOnlyList<Vehicle> Vehicles);

/// <summary>What the user allowed one application to access at the end of a Connect session.</summary>
public sealed record Grant(string ClientId, SmartcarUser User, IReadOnlyList<Vehicle> Vehicles, IReadOnlyList<string> Scopes, string Mode);

/// <summary>The validated parameters of one <c>/oauth/authorize</c> call.</summary>
public sealed record ConnectRequest(
    RegisteredApplication Application,
    string RedirectUri,
    IReadOnlyList<string> Scopes,
    string? State,
    string Mode,
    string? Make);

/// <summary>A user's walk through the Connect pages; it ends at Allow or Deny.</summary>
public sealed class ConnectSession(string id, ConnectRequest request)
{
    public string Id { get; } = id;

    public ConnectRequest Request { get; } = request;

    public string? Make { get; set; } = request.Make;

    public SmartcarUser? User { get; set; }
}

public sealed class AuthorizationCode(string value, Grant grant, string redirectUri, DateTimeOffset expiresAt)
{
    public string Value { get; } = value;

    public Grant Grant { get; } = grant;

    public string RedirectUri { get; } = redirectUri;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public bool Used { get; set; }
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
