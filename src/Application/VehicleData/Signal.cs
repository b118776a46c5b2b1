using System.Text.Json;

namespace SmartcarClean.Application.VehicleData;

/// <summary>
/// One API v3 signal as Smartcar answered it (<c>GET /v3/vehicles/{id}/signals</c>), by its <see cref="Code"/> (e.g.
/// <c>odometer-traveleddistance</c>): its <see cref="Body"/> (e.g. <c>{"unit":"km","value":12345}</c>) and when the car
/// recorded it (<c>meta.oemUpdatedAt</c>, else <c>meta.retrievedAt</c>), or, when its status is not SUCCESS, why not.
/// </summary>
public sealed record Signal(string Code, JsonElement? Body, DateTimeOffset? RecordedAt, SignalError? Error);

/// <summary>Why one signal has no value: its status (ERROR or UNAVAILABLE) and, for an error, Smartcar's type and code.</summary>
public sealed record SignalError(string Status, string? Type, string? Code, string? Message);
