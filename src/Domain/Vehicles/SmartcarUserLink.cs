namespace SmartcarClean.Domain.Vehicles;

/// <summary>
/// Smartcar's server-side flow: Connect hands back a <c>user_id</c> instead of tokens, and the app reaches that
/// user's vehicles with its own application token plus the <c>sc-user-id</c> header. This remembers which Smartcar
/// user an app user connected as. One app user may connect as several Smartcar users (several car accounts).
/// </summary>
public sealed class SmartcarUserLink
{
    private SmartcarUserLink()
    {
        OwnerId = string.Empty;
        SmartcarUserId = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The app's user who connected (the id of their account).</summary>
    public string OwnerId { get; private set; }

    /// <summary>Smartcar's id of the person who signed in to Connect; sent as <c>sc-user-id</c>.</summary>
    public string SmartcarUserId { get; private set; }

    public DateTimeOffset LinkedAt { get; private set; }

    public static SmartcarUserLink Create(string ownerId, string smartcarUserId, DateTimeOffset now) =>
        new() { Id = Guid.NewGuid(), OwnerId = ownerId, SmartcarUserId = smartcarUserId, LinkedAt = now };
}
