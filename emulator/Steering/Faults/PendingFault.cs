namespace SmartcarClean.Emulator.Steering.Faults;

/// <summary>A queued fault as the admin page shows it.</summary>
public sealed record PendingFault(Guid Id, string Method, string PathPattern, string? VehicleId, Fault Fault, int Remaining);
