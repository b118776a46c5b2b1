namespace SmartcarClean.Emulator.Applications;

/// <summary>The outcome of a change to the registered applications: the application as it now is, or why not.</summary>
public sealed record RegistrationResult(RegisteredApplication? Application, RegistrationFailure Failure, string? Error)
{
    public bool Succeeded => Failure == RegistrationFailure.None;

    internal static RegistrationResult Done(RegisteredApplication application) => new(application, RegistrationFailure.None, null);

    internal static RegistrationResult Invalid(string error) => new(null, RegistrationFailure.InvalidInput, error);

    internal static RegistrationResult Unknown(string clientId) =>
        new(null, RegistrationFailure.UnknownApplication, $"No application has client id '{clientId}'.");
}
