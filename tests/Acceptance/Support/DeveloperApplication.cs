using SmartcarClean.Emulator;
using SmartcarClean.Emulator.Applications;

namespace SmartcarClean.Acceptance.Support;

/// <summary>
/// An application a developer registers on Smartcar (the emulator) in one scenario, and the redirect URIs it asked for.
/// A new client id each time: the emulator's reset keeps applications, so the app's own stays as it is.
/// </summary>
public sealed class DeveloperApplication(SmartcarEmulator smartcar)
{
    public const string FirstRedirectUri = "https://example.com/exchange";

    private readonly List<string> _registered = [];
    private string? _clientId;

    public string ClientId => _clientId ?? throw new InvalidOperationException("No application was created in this scenario.");

    /// <summary>The redirect URIs registered after the first, in order.</summary>
    public IReadOnlyList<string> Registered => _registered;

    public RegistrationResult? LastRegistration { get; private set; }

    public IReadOnlyList<string> RedirectUrisAtSmartcar => smartcar.World.FindApplication(ClientId)!.RedirectUris;

    public void Create()
    {
        _clientId = Guid.NewGuid().ToString();
        smartcar.World.RegisterApplication(new RegisteredApplication(_clientId, "secret", [FirstRedirectUri]))
            .Failure.ShouldBe(RegistrationFailure.None);
    }

    /// <summary>Asks Smartcar to add a redirect URI; "{client id}" in it stands for the application's client id.</summary>
    public RegistrationResult Register(string redirectUri)
    {
        var uri = redirectUri.Replace("{client id}", ClientId, StringComparison.Ordinal);
        LastRegistration = smartcar.World.AddRedirectUri(ClientId, uri);
        if (LastRegistration.Succeeded)
        {
            _registered.Add(uri);
        }

        return LastRegistration;
    }
}
