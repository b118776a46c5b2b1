namespace SmartcarClean.Emulator;

/// <summary>The JSON:API resources of the v3 API: connections, vehicles, signals and command executions.</summary>
internal static class V3Documents
{
    public static object Connection(Connection connection) => new
    {
        id = connection.Id,
        type = "connection",
        attributes = new
        {
            permissions = connection.Permissions,
            vehicle = new
            {
                make = connection.Vehicle.Make,
                model = connection.Vehicle.Model,
                year = connection.Vehicle.Year,
                mode = connection.Mode,
                powertrainType = PowertrainOf(connection.Vehicle),
            },
        },
        relationships = new
        {
            vehicle = new
            {
                data = new { id = connection.Vehicle.Id, type = "vehicle" },
                links = new { related = $"/vehicles/{connection.Vehicle.Id}" },
            },
            user = new { data = new { id = connection.User.Id, type = "user" } },
        },
        meta = new
        {
            createdAt = SmartcarHeaders.Iso8601(connection.CreatedAt),
            updatedAt = SmartcarHeaders.Iso8601(connection.UpdatedAt),
        },
        links = new { self = $"/connections/{connection.Id}" },
    };

    public static object Vehicle(Vehicle vehicle, string mode) => new
    {
        id = vehicle.Id,
        type = "vehicle",
        attributes = new
        {
            make = vehicle.Make,
            model = vehicle.Model,
            year = vehicle.Year,
            powertrainType = PowertrainOf(vehicle),
            mode,
        },
        links = new { self = $"/vehicles/{vehicle.Id}" },
    };

    public static object CommandExecution(string commandType, DateTimeOffset now) => new
    {
        id = $"exec_{Guid.NewGuid():N}",
        type = "command-execution",
        attributes = new { commandType, status = new { value = "SUCCESS" }, executionMode = "sync" },
        meta = new
        {
            executedAt = SmartcarHeaders.Iso8601(now),
            completedAt = SmartcarHeaders.Iso8601(now),
            durationInSeconds = 0,
        },
    };

    /// <summary>The catalog's plug-in hybrids; every other model there is a battery EV.</summary>
    private static string PowertrainOf(Vehicle vehicle) =>
        vehicle.Model is "Volt" or "RAV4 Prime" or "Prius Prime" ? "PHEV" : "BEV";
}

/// <summary>The handful of v3 signals the emulator serves, read from the same state as v2.</summary>
internal static class V3Signals
{
    private static readonly Signal[] All =
    [
        new("odometer-traveleddistance", "Odometer", "TraveledDistance",
            (v, s, u) => new { unit = u.DistanceUnit, value = u.Distance(s.OdometerKm) }),
        new("tractionbattery-stateofcharge", "TractionBattery", "StateOfCharge",
            (v, s, u) => new { unit = "percent", value = Math.Round(s.BatteryPercentRemaining * 100, 1) }),
        new("vehicleidentification-vin", "VehicleIdentification", "VIN", (v, s, u) => new { value = v.Vin }),
        new("location-preciselocation", "Location", "PreciseLocation",
            (v, s, u) => new { latitude = s.Latitude, longitude = s.Longitude }),
        new("closure-islocked", "Closure", "IsLocked", (v, s, u) => new { value = s.IsLocked }),
        new("charge-activelimit", "Charge", "ActiveLimit",
            (v, s, u) => new { unit = "percent", value = Math.Round(s.ChargeLimit * 100, 1) }),
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
            links = new
            {
                self = $"/vehicles/{vehicle.Id}/signals/{signal.Code}",
                vehicle = $"/vehicles/{vehicle.Id}",
            },
        };
    }

    private sealed record Signal(string Code, string Group, string Name, Func<Vehicle, VehicleState, UnitSystem, object> Body);
}
