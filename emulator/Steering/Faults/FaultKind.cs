namespace SmartcarClean.Emulator.Steering.Faults;

/// <summary>What a <see cref="Fault"/> does to the request it matches.</summary>
public enum FaultKind
{
    RateLimit,
    Upstream,
    Server,
    VehicleState,
    Permission,
    Delay,
    Drop,
}
