using System.Text.Json;
using SmartcarClean.Emulator.Http;
using WireMock;

namespace SmartcarClean.Emulator.ApiV2;

/// <summary>
/// The v2.0 per-vehicle endpoints, each with the Smartcar permission it needs (null: a live grant is
/// enough). Batch sub-requests go through the same table, so they get the same answers and errors.
/// </summary>
internal static class VehicleEndpoints
{
    private const string CommandSent = "Successfully sent request to vehicle";

    private static readonly string[] FourSides = ["frontLeft", "frontRight", "backLeft", "backRight"];

    private static readonly Endpoint[] All =
    [
        new("GET", "", null, c => Ok(new { id = c.Vehicle.Id, make = c.Vehicle.Make, model = c.Vehicle.Model, year = c.Vehicle.Year })),
        new("GET", "vin", "read_vin", c => Ok(new { vin = c.Vehicle.Vin })),
        new("GET", "odometer", "read_odometer", c => Ok(new { distance = c.Units.Distance(c.State.OdometerKm) })),
        new("GET", "location", "read_location", c => Ok(new { latitude = c.State.Latitude, longitude = c.State.Longitude })),
        new("GET", "fuel", "read_fuel", c => Ok(new
        {
            range = c.Units.Distance(c.State.FuelRangeKm),
            percentRemaining = c.State.FuelPercentRemaining,
            amountRemaining = c.Units.Volume(c.State.FuelLitersRemaining),
        })),
        new("GET", "battery", "read_battery", c => Ok(new
        {
            range = c.Units.Distance(c.State.BatteryRangeKm),
            percentRemaining = c.State.BatteryPercentRemaining,
        })),
        new("GET", "battery/capacity", "read_battery", c => Ok(new { capacity = c.State.BatteryCapacityKwh })),
        new("GET", "charge", "read_charge", c => Ok(new { isPluggedIn = c.State.IsPluggedIn, state = c.State.ChargeState })),
        new("POST", "charge", "control_charge", StartOrStopCharge),
        new("GET", "engine/oil", "read_engine_oil", c => Ok(new { lifeRemaining = c.State.EngineOilLifeRemaining })),
        new("GET", "tires/pressure", "read_tires", c =>
        {
            var tires = c.State.TirePressuresKpa;
            return Ok(new
            {
                frontLeft = c.Units.Pressure(tires.FrontLeft),
                frontRight = c.Units.Pressure(tires.FrontRight),
                backLeft = c.Units.Pressure(tires.BackLeft),
                backRight = c.Units.Pressure(tires.BackRight),
            });
        }),
        new("GET", "security", "read_security", c => Ok(LockStatus(c.State.IsLocked))),
        new("POST", "security", "control_security", LockOrUnlock),
        new("GET", "permissions", null, c => Ok(new
        {
            permissions = c.Grant.Scopes,
            paging = new { count = c.Grant.Scopes.Count, offset = 0 },
        })),
        new("DELETE", "application", null, c =>
        {
            c.World.Disconnect(c.Grant.ClientId, c.Grant.User.Id, c.Vehicle.Id);
            return Ok(new { status = "success" });
        }),
    ];

    /// <summary>Answers one call; an unknown path (or method) is 404 PATH, a missing permission 403 PERMISSION.</summary>
    public static ResponseMessage Call(VehicleCall call, string method, string path)
    {
        var endpoint = All.FirstOrDefault(e => e.Method == method && e.Path == path);
        if (endpoint is null)
        {
            return V2Error.PathNotFound();
        }

        return endpoint.Permission is null || call.Grant.Scopes.Contains(endpoint.Permission)
            ? endpoint.Handle(call)
            : V2Error.Permission();
    }

    private static ResponseMessage StartOrStopCharge(VehicleCall call) =>
        ReadAction(call.Body, "START", "STOP") switch
        {
            ("START", _) => Command(() => call.World.SetCharging(call.Vehicle.Id, charging: true)),
            ("STOP", _) => Command(() => call.World.SetCharging(call.Vehicle.Id, charging: false)),
            (_, var error) => error!,
        };

    private static ResponseMessage LockOrUnlock(VehicleCall call) =>
        ReadAction(call.Body, "LOCK", "UNLOCK") switch
        {
            ("LOCK", _) => Command(() => call.World.SetLocked(call.Vehicle.Id, locked: true)),
            ("UNLOCK", _) => Command(() => call.World.SetLocked(call.Vehicle.Id, locked: false)),
            (_, var error) => error!,
        };

    private static ResponseMessage Command(Action send)
    {
        send();
        return Ok(new { status = "success", message = CommandSent });
    }

    /// <summary>Reads <c>{"action": ...}</c>; the error explains what is wrong with the body.</summary>
    private static (string? Action, ResponseMessage? Error) ReadAction(string? body, params string[] allowed)
    {
        var oneOf = $"\"action\" must be one of [{string.Join(", ", allowed)}]";
        try
        {
            using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, V2Error.Validation("\"value\" must be of type object", "body"));
            }

            if (!json.RootElement.TryGetProperty("action", out var action))
            {
                return (null, V2Error.Validation("\"action\" is required", "action"));
            }

            return action.ValueKind == JsonValueKind.String && allowed.Contains(action.GetString())
                ? (action.GetString(), null)
                : (null, V2Error.Validation(oneOf, "action"));
        }
        catch (JsonException)
        {
            return (null, V2Error.Validation("The request body is not valid JSON.", "body"));
        }
    }

    private static object LockStatus(bool isLocked)
    {
        var doorStatus = isLocked ? "LOCKED" : "UNLOCKED";
        return new
        {
            isLocked,
            doors = FourSides.Select(type => new { type, status = doorStatus }),
            windows = FourSides.Select(type => new { type, status = "CLOSED" }),
            sunroof = new[] { new { type = "sunroof", status = "CLOSED" } },
            storage = new[] { new { type = "rear", status = "CLOSED" }, new { type = "front", status = "CLOSED" } },
            chargingPort = new[] { new { type = "chargingPort", status = "CLOSED" } },
        };
    }

    private static ResponseMessage Ok(object body) => HttpReplies.Json(200, body);

    private sealed record Endpoint(string Method, string Path, string? Permission, Func<VehicleCall, ResponseMessage> Handle);
}
