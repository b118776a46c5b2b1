namespace SmartcarClean.Emulator.OAuth;

/// <summary>What a successful code exchange or refresh issues.</summary>
public sealed record TokenPair(AccessToken Access, RefreshToken Refresh);
