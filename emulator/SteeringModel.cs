namespace SmartcarClean.Emulator;

/// <summary>A vehicle to put in a seeded user's garage; a VIN is generated when none is given.</summary>
public sealed record SeededVehicle(string Make, string Model, int Year, string? Vin = null);

/// <summary>What the emulator knows right now, for the admin page and <c>GET /_emulator/state</c>.</summary>
public sealed record WorldSnapshot(
    DateTimeOffset Now,
    IReadOnlyList<RegisteredApplication> Applications,
    IReadOnlyList<SmartcarUser> Users,
    IReadOnlyList<GrantSnapshot> Grants);

/// <summary>One Connect approval and every token issued from it (refreshes keep the same grant).</summary>
public sealed record GrantSnapshot(Grant Grant, IReadOnlyList<TokenSnapshot> Tokens);

public sealed record TokenSnapshot(string Kind, string Value, DateTimeOffset ExpiresAt, bool Live);
