namespace SmartcarClean.Emulator.OAuth;

/// <summary>
/// A client_credentials token from <c>/oauth2/token</c>: it speaks for an application, not for a
/// vehicle owner, so it carries no grant (the v3 API reads the user from <c>sc-user-id</c>).
/// </summary>
public sealed record ApplicationToken(string Value, string ClientId, DateTimeOffset ExpiresAt);
