namespace SmartcarClean.Application.Common;

/// <summary>
/// What happened to a command sent for a vehicle, in words for the user. <see cref="MissingPermission"/>: Smartcar
/// refused it for want of this permission, which a new Connect can ask for.
/// </summary>
public sealed record CommandOutcome(
    bool Succeeded, string Message, bool NotFound = false, bool ReconnectNeeded = false, string? MissingPermission = null);
