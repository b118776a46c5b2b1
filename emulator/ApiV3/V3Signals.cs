using System.Text.Json;
using SmartcarClean.Emulator.Http;
using SmartcarClean.Emulator.World;
using WireMock;

namespace SmartcarClean.Emulator.ApiV3;

/// <summary>
/// The v3 signals the emulator serves, read from the same state as v2 (every vehicle answers all of them, as v2 answers
/// both fuel and battery). The codes beyond the reference's six come from Smartcar's signal pages as third-party code uses them.
/// </summary>
internal static class V3Signals
{
    private static readonly Signal[] All =
    [
        new("odometer-traveleddistance", "Odometer", "TraveledDistance",
            (v, s, u) => new { unit = u.DistanceUnit, value = u.Distance(s.OdometerKm) }),
        new("tractionbattery-stateofcharge", "TractionBattery", "StateOfCharge",
            (v, s, u) => new { unit = "percent", value = Math.Round(s.BatteryPercentRemaining * 100, 1) }),
        new("tractionbattery-range", "TractionBattery", "Range",
            (v, s, u) => new { unit = u.DistanceUnit, value = u.Distance(s.BatteryRangeKm) }),
        new("internalcombustionengine-fuellevel", "InternalCombustionEngine", "FuelLevel",
            (v, s, u) => new { unit = "percent", value = Math.Round(s.FuelPercentRemaining * 100, 1) }),
        new("internalcombustionengine-range", "InternalCombustionEngine", "Range",
            (v, s, u) => new { unit = u.DistanceUnit, value = u.Distance(s.FuelRangeKm) }),
        new("vehicleidentification-vin", "VehicleIdentification", "VIN", (v, s, u) => new { value = v.Vin }),
        new("location-preciselocation", "Location", "PreciseLocation",
            (v, s, u) => new { latitude = s.Latitude, longitude = s.Longitude }),
        new("closure-islocked", "Closure", "IsLocked", (v, s, u) => new { value = s.IsLocked }),
        new("charge-activelimit", "Charge", "ActiveLimit",
            (v, s, u) => new { unit = "percent", value = Math.Round(s.ChargeLimit * 100, 1) }),
        new("charge-ischarging", "Charge", "IsCharging", (v, s, u) => new { value = s.ChargeState == VehicleState.Charging }),
        new("charge-ischargingcableconnected", "Charge", "IsChargingCableConnected", (v, s, u) => new { value = s.IsPluggedIn }),
    ];

    public static IReadOnlyList<string> Codes { get; } = [.. All.Select(s => s.Code)];

    /// <summary>The signal resource, or null for an unknown code.</summary>
    public static object? Read(string code, Vehicle vehicle, VehicleState state, UnitSystem units, DateTimeOffset now)
    {
        var signal = All.FirstOrDefault(s => s.Code == code);
        return signal is null ? null : new
        {
            id = signal.Code,
            type = "signal",
            attributes = new
            {
                code = signal.Code,
                name = signal.Name,
                group = signal.Group,
                status = new { value = "SUCCESS" },
                body = signal.Body(vehicle, state, units),
            },
            meta = new { retrievedAt = SmartcarHeaders.Iso8601(now), oemUpdatedAt = SmartcarHeaders.Iso8601(now) },
            links = Links(signal, vehicle),
        };
    }

    /// <summary>
    /// The signal as Smartcar reports one it could not read: status ERROR with the error's type and code (taken from
    /// <paramref name="error"/>, a v2 error reply), no body; the list it is in still answers 200.
    /// </summary>
    public static object Failed(string code, Vehicle vehicle, ResponseMessage error, DateTimeOffset now)
    {
        var signal = All.First(s => s.Code == code);
        using var body = JsonDocument.Parse(error.BodyData!.BodyAsString!);
        return new
        {
            id = signal.Code,
            type = "signal",
            attributes = new
            {
                code = signal.Code,
                name = signal.Name,
                group = signal.Group,
                status = new
                {
                    value = "ERROR",
                    error = new { type = body.RootElement.GetProperty("type").GetString(), code = body.RootElement.GetProperty("code").GetString() },
                },
            },
            meta = new { retrievedAt = SmartcarHeaders.Iso8601(now) },
            links = Links(signal, vehicle),
        };
    }

    // A signal's links, whether it was read or failed.
    private static object Links(Signal signal, Vehicle vehicle) => new
    {
        self = $"/vehicles/{vehicle.Id}/signals/{signal.Code}",
        vehicle = $"/vehicles/{vehicle.Id}",
    };

    private sealed record Signal(string Code, string Group, string Name, Func<Vehicle, VehicleState, UnitSystem, object> Body);
}
