using SmartcarClean.Emulator.Applications;
using SmartcarClean.Emulator.Connect;
using SmartcarClean.Emulator.OAuth;
using SmartcarClean.Emulator.Plans;

namespace SmartcarClean.Emulator.World;

/// <summary>
/// Everything the emulated Smartcar knows: registered applications, users and their vehicles,
/// Connect sessions, authorization codes and tokens. One lock guards it all because WireMock
/// serves requests concurrently and the state is tiny.
/// </summary>
public sealed partial class SmartcarWorld(IEnumerable<RegisteredApplication> applications, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RegisteredApplication> _applications = Validated(applications);
    private readonly Dictionary<string, SmartcarUser> _usersByEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ConnectSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthorizationCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessToken> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshToken> _refreshTokens = new(StringComparer.Ordinal);
    private readonly List<string> _issuedTokens = [];

    public TimeProvider Time { get; } = time;

    /// <summary>The plan's limits and what has been used of them; it keeps its own lock.</summary>
    internal PlanLimits Plans { get; } = new(time);

    public IReadOnlyList<string> IssuedTokens
    {
        get
        {
            lock (_gate)
            {
                return [.. _issuedTokens];
            }
        }
    }

    public RegisteredApplication? FindApplication(string? clientId)
    {
        lock (_gate)
        {
            return clientId is not null && _applications.TryGetValue(clientId, out var app) ? app : null;
        }
    }

    public ConnectSession StartSession(ConnectRequest request)
    {
        lock (_gate)
        {
            var session = new ConnectSession(Guid.NewGuid().ToString("N"), request);
            _sessions[session.Id] = session;
            return session;
        }
    }

    public ConnectSession? FindSession(string sessionId)
    {
        lock (_gate)
        {
            return _sessions.GetValueOrDefault(sessionId);
        }
    }

    /// <summary>
    /// Any email signs in (as in Smartcar's test mode). The first login creates the user's garage:
    /// one vehicle of the chosen brand, or what a test email asks for (<see cref="TestIdentities"/>).
    /// </summary>
    public SmartcarUser SignIn(string email, VehicleCatalog.Brand brand)
    {
        lock (_gate)
        {
            var key = email.Trim();
            if (!_usersByEmail.TryGetValue(key, out var user))
            {
                var vehicles = TestIdentities.CreateGarage(key, brand);
                user = new SmartcarUser(Guid.NewGuid().ToString(), key, vehicles);
                _usersByEmail[key] = user;
            }

            return user;
        }
    }

    public SmartcarUser? FindUserByEmail(string email)
    {
        lock (_gate)
        {
            return _usersByEmail.GetValueOrDefault(email.Trim());
        }
    }

    /// <summary>Allow: ends the session, records the grant and issues a single-use code for it.</summary>
    public AuthorizationCode Approve(ConnectSession session)
    {
        lock (_gate)
        {
            var grant = RecordGrant(session);
            var code = new AuthorizationCode(Guid.NewGuid().ToString(), grant, session.Request.RedirectUri, Now + Lifetimes.Code)
            {
                RedirectUriSent = session.Request.RedirectUriSent,
            };
            _codes[code.Value] = code;
            return code;
        }
    }

    public TokenResult ExchangeCode(string clientId, string code, string? redirectUri)
    {
        lock (_gate)
        {
            if (!_codes.TryGetValue(code, out var issued) || issued.Used || Now >= issued.ExpiresAt
                || issued.Grant.ClientId != clientId)
            {
                return TokenResult.Failed(TokenFailure.InvalidCode);
            }

            if (!issued.AcceptsRedirectUri(redirectUri))
            {
                return TokenResult.Failed(TokenFailure.RedirectUriMismatch);
            }

            issued.Used = true;
            return TokenResult.Issued(IssueTokens(issued.Grant));
        }
    }

    /// <summary>Rotates: a new pair every time; the used refresh token still works for a short grace period.</summary>
    public TokenResult Refresh(string clientId, string refreshToken)
    {
        lock (_gate)
        {
            var now = Now;
            if (!_refreshTokens.TryGetValue(refreshToken, out var token) || token.Grant.ClientId != clientId
                || now >= token.ExpiresAt || now >= token.FirstUsedAt + Lifetimes.RefreshGracePeriod
                || IsFullyDisconnected(token.Grant))
            {
                return TokenResult.Failed(TokenFailure.InvalidRefreshToken);
            }

            token.FirstUsedAt ??= now;
            return TokenResult.Issued(IssueTokens(token.Grant));
        }
    }

    /// <summary>Forgets everything except the registered applications.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _usersByEmail.Clear();
            _sessions.Clear();
            _codes.Clear();
            _accessTokens.Clear();
            _refreshTokens.Clear();
            _issuedTokens.Clear();
            _grants.Clear();
            ForgetVehicleData();
        }

        Plans.Reset();
    }

    private DateTimeOffset Now => Time.GetUtcNow();

    private TokenPair IssueTokens(Grant grant)
    {
        var access = new AccessToken(Guid.NewGuid().ToString(), grant, Now + Lifetimes.AccessToken);
        var refresh = new RefreshToken(Guid.NewGuid().ToString(), grant, Now + Lifetimes.RefreshToken);
        _accessTokens[access.Value] = access;
        _refreshTokens[refresh.Value] = refresh;
        _issuedTokens.Add(access.Value);
        _issuedTokens.Add(refresh.Value);
        return new TokenPair(access, refresh);
    }
}
