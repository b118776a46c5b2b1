namespace SmartcarClean.Application.Common;

/// <summary>What happened to a command sent for a vehicle, in words for the user.</summary>
public sealed record CommandOutcome(bool Succeeded, string Message, bool NotFound = false, bool ReconnectNeeded = false);
