namespace SmartcarClean.Application.Common;

// Every method of these ports throws SmartcarApiException (status 0, code UNREACHABLE) when no answer comes: a refused
// or dropped connection or a timeout, once retries are spent. Callers never see HttpRequestException.

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

/// <summary>Smartcar's vehicle API (v2.0), called with a vehicle owner's access token.</summary>
public interface ISmartcarApi
{
    /// <summary>Every vehicle id the token reaches, across all pages, within <see cref="SmartcarLimits"/>.</summary>
    /// <exception cref="SmartcarApiException">Smartcar answered with an error.</exception>
    Task<VehicleIdList> ListVehicleIdsAsync(string accessToken, CancellationToken cancellationToken);

    /// <exception cref="SmartcarApiException">Smartcar answered with an error.</exception>
    Task<VehicleAttributes> GetAttributesAsync(string accessToken, string vehicleId, CancellationToken cancellationToken);

    /// <summary>The permissions the owner granted for this vehicle (names without <c>required:</c>).</summary>
    /// <exception cref="SmartcarApiException">Smartcar answered with an error.</exception>
    Task<IReadOnlyList<string>> GetPermissionsAsync(string accessToken, string vehicleId, CancellationToken cancellationToken);

    /// <exception cref="SmartcarApiException">Smartcar answered with an error.</exception>
    Task<Reading<T>> ReadAsync<T>(string accessToken, string vehicleId, VehicleEndpoint<T> endpoint, CancellationToken cancellationToken);

    /// <summary>Revokes this application's access to the vehicle (<c>DELETE /vehicles/{id}/application</c>).</summary>
    /// <exception cref="SmartcarApiException">Smartcar answered with an error.</exception>
    Task DisconnectAsync(string accessToken, string vehicleId, CancellationToken cancellationToken);

    /// <summary>
    /// The Smartcar user the access token belongs to (<c>GET /v2.0/user</c>): the same id as Connect's <c>user_id</c>.
    /// </summary>
    /// <exception cref="SmartcarApiException">Smartcar answered with an error.</exception>
    Task<string> GetUserIdAsync(string accessToken, CancellationToken cancellationToken);

    /// <summary>Sends LOCK or UNLOCK; returns Smartcar's message.</summary>
    /// <exception cref="SmartcarApiException">Smartcar answered with an error.</exception>
    Task<string> SetLockAsync(string accessToken, string vehicleId, bool locked, CancellationToken cancellationToken);
}

/// <summary>
/// Smartcar's Vehicle API v3, called with the application token; <c>sc-user-id</c> says on whose behalf.
/// </summary>
public interface ISmartcarApiV3
{
    /// <summary>
    /// The ids of every vehicle the Smartcar user connected to this application, across all pages, within
    /// <see cref="SmartcarLimits"/>.
    /// </summary>
    /// <exception cref="SmartcarApiException">Smartcar answered with an error.</exception>
    Task<VehicleIdList> ListConnectedVehicleIdsAsync(string applicationToken, string smartcarUserId, CancellationToken cancellationToken);

    /// <exception cref="SmartcarApiException">Smartcar answered with an error.</exception>
    Task<VehicleAttributes> GetVehicleAsync(string applicationToken, string smartcarUserId, string vehicleId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the Smartcar user from this application (<c>DELETE /v3/users/{id}</c>, 204): Smartcar purges all their
    /// connections and other data.
    /// </summary>
    /// <exception cref="SmartcarApiException">Smartcar answered with an error (404: the user has nothing left here).</exception>
    Task DeleteUserAsync(string applicationToken, string smartcarUserId, CancellationToken cancellationToken);
}

public sealed record ApplicationTokenResponse(string AccessToken, int ExpiresInSeconds)
{
    public override string ToString() => $"ApplicationTokenResponse {{ ExpiresInSeconds = {ExpiresInSeconds} }}";
}

public sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresInSeconds)
{
    public override string ToString() => $"TokenResponse {{ ExpiresInSeconds = {ExpiresInSeconds} }}";
}

/// <summary>Vehicle ids as Smartcar listed them, each once. <see cref="CutShort"/>: why the list stopped early.</summary>
public sealed record VehicleIdList(IReadOnlyList<string> Ids, ListingCut? CutShort = null);

/// <summary>Why the app stopped reading Smartcar's pages of vehicles before Smartcar said they ended.</summary>
public enum ListingCut
{
    /// <summary>The pages went on past <see cref="SmartcarLimits.MaxVehicles"/> vehicles.</summary>
    TooManyVehicles,

    /// <summary>The pages went on past <see cref="SmartcarLimits.MaxPages"/> pages.</summary>
    TooManyPages,

    /// <summary>A page repeated vehicles already read, answered another offset, or linked back to a page already read.</summary>
    NotAdvancing,
}

public sealed record VehicleAttributes(string Id, string Make, string Model, int Year);

/// <summary>An OAuth error from the token endpoint, e.g. <c>invalid_grant</c>.</summary>
public sealed class SmartcarAuthException(string error, string? description)
    : Exception($"Smartcar refused the token request: {error} - {description}")
{
    public string Error { get; } = error;

    public string? Description { get; } = description;
}

/// <summary>A Smartcar API error, by its documented <c>type</c> and <c>code</c>.</summary>
public sealed class SmartcarApiException(int statusCode, string type, string? code, string? description)
    : Exception($"Smartcar API error {statusCode} {type}:{code} - {description}")
{
    /// <summary>Smartcar's own sentence for the end user, when it sends one.</summary>
    public string? SuggestedUserMessage { get; init; }

    /// <summary>From the <c>Retry-After</c> header of a rate limit.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public int StatusCode { get; } = statusCode;

    public string Type { get; } = type;

    public string? ErrorCode { get; } = code;

    public string? Description { get; } = description;

    /// <summary>What Smartcar says resolves the error: RETRY_LATER, REAUTHENTICATE, CONTACT_SUPPORT or null.</summary>
    public string? Resolution { get; init; }

    public bool IsAuthentication => Type == "AUTHENTICATION";

    public bool IsPermission => Type == "PERMISSION";

    /// <summary>
    /// Only a new Connect brings the connection back: its token was refused, or Smartcar's resolution is REAUTHENTICATE
    /// (e.g. the owner changed the car account's password). A PERMISSION error also says REAUTHENTICATE, but only for
    /// the one permission; everything else the connection allows still works, so it is not counted here.
    /// </summary>
    public bool RequiresReconnect => IsAuthentication || (Resolution == "REAUTHENTICATE" && !IsPermission);
}
