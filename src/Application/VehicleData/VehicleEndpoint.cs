namespace SmartcarClean.Application.VehicleData;

/// <summary>
/// One readable Smartcar v2.0 vehicle endpoint: its path under <c>/vehicles/{id}/</c>, the permission it needs,
/// and the shape of its answer. The list below is the one place that pairs them.
/// </summary>
public sealed record VehicleEndpoint<T>(string Path, string Permission);
