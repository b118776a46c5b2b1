using System.Security.Cryptography;

namespace SmartcarClean.Domain.Connect;

/// <summary>
/// One trip through Smartcar Connect, started by one signed-in user in one browser session. Its <see cref="State"/>
/// travels to Connect and back; on the way back it is accepted once, only from the same user's same session (see
/// <see cref="BelongsTo"/>), and only within <see cref="Lifetime"/>.
/// </summary>
public sealed class ConnectAttempt
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How many unfinished attempts one browser session keeps: starting another drops the oldest, so a user with a few
    /// tabs open can still finish in any of them, and no one can fill the database by starting Connect again and again.
    /// </summary>
    public const int OpenPerSession = 5;

    /// <summary>
    /// How long an expired attempt of a user who has not started Connect again is kept, so coming back late is still
    /// explained as an expired link; after that anyone's start deletes it.
    /// </summary>
    public static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(1);

    private ConnectAttempt(Guid id, string state, string ownerId, string sessionId, string? redirectUri, DateTimeOffset startedAt)
    {
        Id = id;
        State = state;
        OwnerId = ownerId;
        SessionId = sessionId;
        RedirectUri = redirectUri;
        StartedAt = startedAt;
        ExpiresAt = startedAt + Lifetime;
    }

    public Guid Id { get; private set; }

    public string State { get; private set; }

    /// <summary>The app's user who started the attempt.</summary>
    public string OwnerId { get; private set; }

    /// <summary>
    /// The sign-in session (one browser) the attempt was started from. The same person signed in on another browser
    /// has another session, and cannot finish this attempt there.
    /// </summary>
    public string SessionId { get; private set; }

    /// <summary>
    /// The redirect URI sent to Connect, which the token exchange must send again; null when none was sent and
    /// Smartcar used the application's default.
    /// </summary>
    public string? RedirectUri { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public static ConnectAttempt Start(string ownerId, string sessionId, string? redirectUri, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return new(Guid.NewGuid(), NewState(), ownerId, sessionId, redirectUri, now);
    }

    /// <summary>Whether the redirect came back to the user and the browser session that started this attempt.</summary>
    public bool BelongsTo(string ownerId, string sessionId) =>
        string.Equals(OwnerId, ownerId, StringComparison.Ordinal) && string.Equals(SessionId, sessionId, StringComparison.Ordinal);

    /// <summary>256 random bits, URL-safe: unguessable, and it survives the round trip through Connect unchanged.</summary>
    public static string NewState() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Accepts the state once. A state is expired at or after its expiry instant.</summary>
    public StateCheck Redeem(DateTimeOffset now)
    {
        if (UsedAt is not null)
        {
            return StateCheck.Reused;
        }

        if (now >= ExpiresAt)
        {
            return StateCheck.Expired;
        }

        UsedAt = now;
        return StateCheck.Accepted;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public enum StateCheck
{
    Accepted,
    Missing,
    Unknown,
    Reused,
    Expired,
}
