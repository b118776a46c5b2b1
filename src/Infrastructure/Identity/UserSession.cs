namespace SmartcarClean.Infrastructure.Identity;

/// <summary>
/// One sign-in of a user, kept on the server so that it can be ended: the sign-in cookie carries its id, and opens
/// nothing once the row is gone (signed out, password changed elsewhere, signed out everywhere) or expired.
/// </summary>
public sealed class UserSession
{
    /// <summary>The random session id in the sign-in cookie's session id claim.</summary>
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public DateTimeOffset SignedInAt { get; init; }

    /// <summary>The end of the absolute lifetime: however often the cookie slides, the session ends here.</summary>
    public DateTimeOffset ExpiresAt { get; init; }
}
