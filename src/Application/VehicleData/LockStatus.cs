namespace SmartcarClean.Application.VehicleData;

public sealed record LockStatus(bool IsLocked);
