using SmartcarClean.Emulator.Connect;

namespace SmartcarClean.Emulator.World;

/// <summary>Connect's memory of what each user granted each application (for approval_prompt=auto and the v3 flow).</summary>
public sealed partial class SmartcarWorld
{
    // The latest grant per (application, user): Allow replaces the earlier one, as re-running Connect does.
    private readonly Dictionary<(string ClientId, string UserId), Grant> _grants = [];

    /// <summary>The latest grant <paramref name="userId"/> gave the application, with or without a code; null if none.</summary>
    public Grant? FindGrant(string clientId, string userId)
    {
        lock (_gate)
        {
            return _grants.GetValueOrDefault((clientId, userId));
        }
    }

    /// <summary>approval_prompt=auto skips the permissions page when the user already granted the application exactly these scopes.</summary>
    public bool AlreadyGranted(Grant pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        lock (_gate)
        {
            return _grants.TryGetValue((pending.ClientId, pending.User.Id), out var earlier)
                && earlier.Scopes.ToHashSet(StringComparer.Ordinal).SetEquals(pending.Scopes);
        }
    }

    /// <summary>Allow with <c>response_type=none</c>: ends the session and records the grant; no code is issued.</summary>
    public Grant ApproveWithoutCode(ConnectSession session)
    {
        lock (_gate)
        {
            return RecordGrant(session);
        }
    }

    /// <summary>The session ends without a grant (Deny, or a Connect error).</summary>
    public void EndSession(ConnectSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_gate)
        {
            _sessions.Remove(session.Id);
        }
    }

    private Grant RecordGrant(ConnectSession session)
    {
        _sessions.Remove(session.Id);
        var grant = session.PendingGrant ?? throw new InvalidOperationException("Allow needs a signed-in user.");
        _grants[(grant.ClientId, grant.User.Id)] = grant;
        return grant;
    }
}
