using SmartcarClean.Emulator.Applications;
using SmartcarClean.Emulator.Plans;
using SmartcarClean.Emulator.World;

namespace SmartcarClean.Emulator.Steering;

/// <summary>What the emulator knows right now, for the admin page and <c>GET /_emulator/state</c>.</summary>
public sealed record WorldSnapshot(
    DateTimeOffset Now,
    IReadOnlyList<RegisteredApplication> Applications,
    IReadOnlyList<SmartcarUser> Users,
    IReadOnlyList<GrantSnapshot> Grants,
    PlanSnapshot Plan);

/// <summary>One Connect approval and every token issued from it (refreshes keep the same grant).</summary>
public sealed record GrantSnapshot(Grant Grant, IReadOnlyList<TokenSnapshot> Tokens);

/// <summary>One token issued from a grant (access or refresh), and whether it still works.</summary>
public sealed record TokenSnapshot(string Kind, string Value, DateTimeOffset ExpiresAt, bool Live);
