namespace SmartcarClean.Domain.Vehicles;

/// <summary>A vehicle a connection or a Smartcar user link reaches, by its Smartcar id, with what Smartcar said it is.</summary>
public interface IStoredVehicle
{
    string SmartcarVehicleId { get; }

    /// <summary>Make, model and year (and powertrain where Smartcar gives it); null while they are not read yet.</summary>
    VehicleDescription? Description { get; }

    void Describe(VehicleDescription description);
}

/// <summary>How both flows keep the vehicles Smartcar lists (<see cref="Connection"/>, <see cref="SmartcarUserLink"/>).</summary>
internal static class StoredVehicles
{
    /// <summary>
    /// Keeps the vehicles Smartcar lists now: one no longer listed is forgotten, a new one is added (not described yet),
    /// and one still listed keeps its description until it is read again.
    /// </summary>
    public static void Replace<T>(List<T> vehicles, IEnumerable<string> vehicleIds, Func<string, T> create)
        where T : IStoredVehicle
    {
        var listed = vehicleIds.Distinct().ToList();
        vehicles.RemoveAll(v => !listed.Contains(v.SmartcarVehicleId));
        vehicles.AddRange(listed.Where(id => vehicles.All(v => v.SmartcarVehicleId != id)).Select(create));
    }

    /// <summary>Keeps what Smartcar said about one of the vehicles; a vehicle not among them is ignored.</summary>
    public static void Describe<T>(List<T> vehicles, string smartcarVehicleId, VehicleDescription description)
        where T : IStoredVehicle =>
        vehicles.Find(v => v.SmartcarVehicleId == smartcarVehicleId)?.Describe(description);
}
