namespace SmartcarClean.Application.Options;

public enum ConnectFlow
{
    /// <summary>Connect returns a code; the app exchanges it for the owner's access and refresh tokens (API v2.0).</summary>
    Classic,

    /// <summary>
    /// Connect returns the Smartcar <c>user_id</c>; the app calls API v3 with one application token
    /// (client_credentials) and <c>sc-user-id</c>, so it keeps no per-user tokens.
    /// </summary>
    ServerSide,
}
