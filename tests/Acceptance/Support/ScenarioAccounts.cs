namespace SmartcarClean.Acceptance.Support;

/// <summary>An account of the app, as a scenario registered or created it.</summary>
public sealed record AppAccount(string Email, string Password);

/// <summary>
/// The accounts of one scenario: "me" and, in scenarios about two people, "the other person" (with the email they
/// signed in to Connect with, when they connected a car).
/// </summary>
public sealed class ScenarioAccounts
{
    private AppAccount? _me;

    public AppAccount Me
    {
        get => _me ?? throw new InvalidOperationException("No one has signed in yet.");
        set => _me = value;
    }

    public AppAccount? Other { get; set; }

    public string? OtherPersonsConnectEmail { get; set; }
}
