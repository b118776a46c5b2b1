namespace SmartcarClean.Emulator.World;

/// <summary>A vehicle connected to an application by a user (Smartcar's v3 "connection").</summary>
public sealed record Connection(
    string Id,
    string ClientId,
    SmartcarUser User,
    Vehicle Vehicle,
    IReadOnlyList<string> Permissions,
    string Mode,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
