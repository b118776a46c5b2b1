using SmartcarClean.Emulator.Applications;

namespace SmartcarClean.Emulator.Connect;

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
