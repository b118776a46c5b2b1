using SmartcarClean.Emulator.Http;
using SmartcarClean.Emulator.World;

namespace SmartcarClean.Emulator.ApiV2;

/// <summary>One call on <c>/v2.0/vehicles/{id}/...</c> by a grant that covers the vehicle.</summary>
internal sealed record VehicleCall(SmartcarWorld World, Grant Grant, Vehicle Vehicle, UnitSystem Units, string? Body)
{
    /// <summary>One snapshot per call, so a concurrent command never mixes two states in one answer.</summary>
    public VehicleState State { get; } = World.VehicleStateOf(Vehicle.Id);
}
