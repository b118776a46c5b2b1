using SmartcarClean.Emulator.World;

namespace SmartcarClean.Emulator.Connect;

/// <summary>
/// Works out, at sign-in, what Allow would grant: the vehicles (all, or one with single_select) and the requested
/// scopes every one of them supports. A required scope a vehicle cannot support makes it incompatible.
/// </summary>
internal static class GrantPlanner
{
    public static (Grant? Grant, ConnectError? Error) Plan(ConnectRequest request, SmartcarUser user)
    {
        if (user.Vehicles.Count == 0)
        {
            return (null, ConnectError.NoVehicles);
        }

        var vehicles = SelectVehicles(request, user.Vehicles);
        if (vehicles is null)
        {
            return (null, ConnectError.Configuration(400,
                $"The VIN {request.SingleSelectVin} does not belong to a vehicle in this account. Please enter another VIN."));
        }

        var incompatible = vehicles.FirstOrDefault(v => request.RequiredScopes.Any(s => !v.Compatibility.Supports(s)));
        if (incompatible is not null)
        {
            return (null, ConnectError.VehicleIncompatible(incompatible));
        }

        var scopes = request.Scopes.Where(s => vehicles.All(v => v.Compatibility.Supports(s))).ToList();
        return (new Grant(request.Application.ClientId, user, vehicles, scopes, request.Mode), null);
    }

    private static List<Vehicle>? SelectVehicles(ConnectRequest request, IReadOnlyList<Vehicle> vehicles)
    {
        if (!request.SingleSelect)
        {
            return [.. vehicles];
        }

        if (request.SingleSelectVin is null)
        {
            return [vehicles[0]];
        }

        var chosen = vehicles.FirstOrDefault(v => string.Equals(v.Vin, request.SingleSelectVin, StringComparison.OrdinalIgnoreCase));
        return chosen is null ? null : [chosen];
    }
}
