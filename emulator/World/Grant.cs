namespace SmartcarClean.Emulator.World;

/// <summary>
/// What the user allowed one application to access at the end of a Connect session: the vehicles (one with
/// single_select) and the granted scopes (the requested ones each vehicle supports, without <c>required:</c>).
/// </summary>
public sealed record Grant(string ClientId, SmartcarUser User, IReadOnlyList<Vehicle> Vehicles, IReadOnlyList<string> Scopes, string Mode);
