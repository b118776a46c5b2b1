namespace SmartcarClean.Emulator.World;

/// <summary>The outcome of <c>DELETE /v3/connections/{id}</c>.</summary>
public enum ConnectionDeletion
{
    Deleted,

    /// <summary>No application has a live connection with that id (404).</summary>
    NotFound,

    /// <summary>The connection is another application's (403).</summary>
    OtherApplication,
}
