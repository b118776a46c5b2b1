using SmartcarClean.Emulator.World;

namespace SmartcarClean.Emulator.OAuth;

/// <summary>A v2.0 API access token: it speaks for the grant until it expires.</summary>
public sealed record AccessToken(string Value, Grant Grant, DateTimeOffset ExpiresAt);
