namespace SmartcarClean.Acceptance.Support;

/// <summary>
/// The data scenarios need but do not care about, in one place. A scenario writes a value in its feature only when the
/// value matters to it (a test identity such as "3-vehicles@smartcar.com", two people's different emails).
/// </summary>
public static class TestData
{
    /// <summary>
    /// The owner's email at the car maker when the scenario does not name one: to the emulator, as to Smartcar's test
    /// mode, any other email than a test identity is one car of the chosen brand.
    /// </summary>
    public const string OwnerEmail = "owner@example.com";

    /// <summary>Connect's sign-in page, like Smartcar's test mode, accepts any password.</summary>
    public const string CarMakerPassword = "any-password";

    /// <summary>An account of the app with an email no other scenario uses and a password no list knows.</summary>
    public static AppAccount NewAccount() => new($"driver-{Guid.NewGuid():N}@example.com", NewPassword());

    public static string NewPassword() => $"pw-{Guid.NewGuid():N}";
}
