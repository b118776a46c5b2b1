using SmartcarClean.Emulator.Http;
using SmartcarClean.Emulator.World;

namespace SmartcarClean.Emulator.ApiV3;

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
