namespace SmartcarClean.Emulator;

/// <summary>
/// An application registered in the Smartcar dashboard. The first redirect URI added is the default
/// until another is chosen. Validated by <see cref="SmartcarWorld.RegisterApplication"/>.
/// </summary>
public sealed record RegisteredApplication(string ClientId, string ClientSecret, IReadOnlyList<string> RedirectUris)
{
    /// <summary>Used when Connect is opened without <c>redirect_uri</c>; one of <see cref="RedirectUris"/>.</summary>
    public string DefaultRedirectUri { get; init; } = RedirectUris is { Count: > 0 } uris ? uris[0] : "";
}

public sealed partial class EmulatorOptions
{
    /// <summary>0 picks a free port.</summary>
    public int Port { get; set; }

    public IList<RegisteredApplication> Applications { get; } = new List<RegisteredApplication>();

    /// <summary>
    /// Turns on WireMock's own <c>/__admin</c> API (mappings, raw request log), for debugging only: anything on the
    /// machine can then add a mapping, including one that serves a local file, and read unmasked secrets. Off by default.
    /// </summary>
    public bool EnableWireMockAdmin { get; set; }
}

/// <summary>One request the emulator received, as WireMock logged it.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string? Body,
    int StatusCode);

/// <summary>The emulator could not start, for a reason a person can fix (the message says which).</summary>
public sealed class EmulatorStartException(string message, Exception inner) : Exception(message, inner);
