namespace SmartcarClean.Emulator;

/// <summary>The emulator could not start, for a reason a person can fix (the message says which).</summary>
public sealed class EmulatorStartException(string message, Exception inner) : Exception(message, inner);
