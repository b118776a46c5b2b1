namespace SmartcarClean.Emulator.World;

/// <summary>A Smartcar user: one per login email, owning a fixed set of vehicles.</summary>
public sealed record SmartcarUser(string Id, string Email, IReadOnlyList<Vehicle> Vehicles);
