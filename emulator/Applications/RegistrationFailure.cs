namespace SmartcarClean.Emulator.Applications;

/// <summary>Whether a change to the registered applications was made, and if not, why.</summary>
public enum RegistrationFailure
{
    None,

    /// <summary>The input breaks a rule; <see cref="RegistrationResult.Error"/> names it (an HTTP API answers 400).</summary>
    InvalidInput,

    /// <summary>No application has that client id (an HTTP API answers 404).</summary>
    UnknownApplication,
}
