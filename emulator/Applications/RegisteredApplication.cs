using SmartcarClean.Emulator.World;

namespace SmartcarClean.Emulator.Applications;

/// <summary>
/// An application registered in the Smartcar dashboard. The first redirect URI added is the default
/// until another is chosen. Validated by <see cref="SmartcarWorld.RegisterApplication"/>.
/// </summary>
public sealed record RegisteredApplication(string ClientId, string ClientSecret, IReadOnlyList<string> RedirectUris)
{
    /// <summary>Used when Connect is opened without <c>redirect_uri</c>; one of <see cref="RedirectUris"/>.</summary>
    public string DefaultRedirectUri { get; init; } = RedirectUris is { Count: > 0 } uris ? uris[0] : "";
}
