using System.Text.Json;
using SmartcarClean.Application.Readings;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Flows;

/// <summary>
/// API v3's signals as the readings the vehicle page shows (kept under API v2.0's paths, in v2.0's JSON shapes, so both
/// flows share one readings model). A reading made of several signals (fuel: level and range) needs all of them; a
/// signal that failed or is missing keeps the stored value, with why (as a failed path of a batch).
/// </summary>
internal static class SignalReadings
{
    private static readonly Mapping[] Mappings =
    [
        new(VehicleEndpoints.Vin.Path, ["vehicleidentification-vin"], b => new VehicleIdentification(Text(b[0]))),
        new(VehicleEndpoints.Odometer.Path, ["odometer-traveleddistance"], b => new Odometer(Number(b[0]))),
        new(VehicleEndpoints.Location.Path, ["location-preciselocation"],
            b => new Location(b[0].GetProperty("latitude").GetDouble(), b[0].GetProperty("longitude").GetDouble())),
        // v3 gives the fuel level and range, not the amount left in the tank.
        new(VehicleEndpoints.Fuel.Path, ["internalcombustionengine-fuellevel", "internalcombustionengine-range"],
            b => new Fuel(Number(b[1]), Number(b[0]) / 100, null)),
        new(VehicleEndpoints.Battery.Path, ["tractionbattery-stateofcharge", "tractionbattery-range"],
            b => new Battery(Number(b[1]), Number(b[0]) / 100)),
        new(VehicleEndpoints.Charge.Path, ["charge-ischargingcableconnected", "charge-ischarging"],
            b => new Charge(Flag(b[0]), Flag(b[1]) ? "CHARGING" : "NOT_CHARGING")),
        new(VehicleEndpoints.LockStatus.Path, ["closure-islocked"], b => new LockStatus(Flag(b[0]))),
    ];

    /// <summary>Keeps what the signals say in <paramref name="readings"/>, fetched at <paramref name="now"/>.</summary>
    public static void Keep(VehicleReadings readings, IReadOnlyList<Signal> signals, DateTimeOffset now)
    {
        var byCode = signals.GroupBy(s => s.Code).ToDictionary(g => g.Key, g => g.First());
        foreach (var mapping in Mappings)
        {
            var parts = mapping.Codes.Select(code => (Code: code, Signal: byCode.GetValueOrDefault(code))).ToList();
            if (parts.FirstOrDefault(p => p.Signal is not { Body: not null }) is { Code: { } missingCode } failing)
            {
                readings.Fail(mapping.Path, Failure(missingCode, failing.Signal?.Error));
                continue;
            }

            var bodies = parts.Select(p => p.Signal!.Body!.Value).ToArray();
            if (Read(mapping, bodies) is not { } value)
            {
                readings.Fail(mapping.Path, Failure(mapping.Codes[0], new SignalError("UNREADABLE", null, null, null)));
                continue;
            }

            // The oldest part says how old the reading is.
            var recordedAt = parts.Select(p => p.Signal!.RecordedAt).Min();
            readings.Keep(mapping.Path, JsonSerializer.Serialize(value, value.GetType(), ReadingsStore.Json), UnitSystemOf(bodies), recordedAt, now);
        }
    }

    // A signal's failure comes inside a successful call (200): Smartcar's type and code when it gave them.
    private static ReadingFailure Failure(string code, SignalError? error) => error switch
    {
        null => new ReadingFailure(200, "RESOURCE_NOT_FOUND", "SIGNAL_NOT_FOUND", "Smartcar gave no value for this reading.", null),
        { Type: { } type } => new ReadingFailure(200, type, error.Code, error.Message, null),
        _ => new ReadingFailure(200, "UPSTREAM", error.Status, error.Message ?? $"The car did not report this reading ({code}).", null),
    };

    private static object? Read(Mapping mapping, JsonElement[] bodies)
    {
        try
        {
            return mapping.Value(bodies);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    // Distances come with their unit: miles means the imperial unit system, as API v2.0's sc-unit-system says it.
    private static string UnitSystemOf(JsonElement[] bodies) =>
        bodies.Any(b => b.TryGetProperty("unit", out var unit) && unit.GetString() is "miles" or "mi") ? "imperial" : "metric";

    private static double Number(JsonElement body) => body.GetProperty("value").GetDouble();

    private static bool Flag(JsonElement body) => body.GetProperty("value").GetBoolean();

    private static string Text(JsonElement body) => body.GetProperty("value").GetString() ?? throw new FormatException("No value.");

    private sealed record Mapping(string Path, string[] Codes, Func<JsonElement[], object> Value);
}
