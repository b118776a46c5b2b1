namespace SmartcarClean.Domain.Vehicles;

/// <summary>
/// Smartcar's server-side flow: Connect hands back a <c>user_id</c> instead of tokens, and the app reaches that
/// user's vehicles with its own application token plus the <c>sc-user-id</c> header. This remembers which Smartcar
/// user an app user connected as. One app user may connect as several Smartcar users (several car accounts).
/// </summary>
public sealed class SmartcarUserLink
{
    private readonly List<LinkedVehicle> _vehicles = [];

    private SmartcarUserLink()
    {
        OwnerId = string.Empty;
        SmartcarUserId = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The app's user who connected (the id of their account).</summary>
    public string OwnerId { get; private set; }

    /// <summary>Smartcar's id of the person who signed in to Connect; sent as <c>sc-user-id</c>.</summary>
    public string SmartcarUserId { get; private set; }

    public DateTimeOffset LinkedAt { get; private set; }

    /// <summary>The vehicles this Smartcar user connected to the app, as Smartcar last listed them.</summary>
    public IReadOnlyList<LinkedVehicle> Vehicles => _vehicles;

    /// <summary>When Smartcar last listed this user's vehicles; null while they could not be listed yet.</summary>
    public DateTimeOffset? VehiclesListedAt { get; private set; }

    /// <summary>Keeps the vehicles Smartcar lists now (<see cref="StoredVehicles.Replace{T}"/>), as listed at <paramref name="now"/>.</summary>
    public void ReplaceVehicles(IEnumerable<string> vehicleIds, DateTimeOffset now)
    {
        StoredVehicles.Replace(_vehicles, vehicleIds, id => new LinkedVehicle(id));
        VehiclesListedAt = now;
    }

    /// <summary>Keeps what Smartcar said about one of this user's vehicles (make, model, year, powertrain).</summary>
    public void Describe(string smartcarVehicleId, VehicleDescription description) =>
        StoredVehicles.Describe(_vehicles, smartcarVehicleId, description);

    /// <summary>Keeps which Smartcar connection reaches one of this user's vehicles, and what it permits; others are ignored.</summary>
    public void KeepConnection(string smartcarVehicleId, string connectionId, IEnumerable<string> permissions) =>
        _vehicles.Find(v => v.SmartcarVehicleId == smartcarVehicleId)?.KeepConnection(connectionId, permissions);

    /// <summary>Forgets one vehicle (Smartcar deleted its connection); the user's other vehicles stay.</summary>
    public void RemoveVehicle(string smartcarVehicleId) => _vehicles.RemoveAll(v => v.SmartcarVehicleId == smartcarVehicleId);

    public static SmartcarUserLink Create(string ownerId, string smartcarUserId, DateTimeOffset now) =>
        new() { Id = Guid.NewGuid(), OwnerId = ownerId, SmartcarUserId = smartcarUserId, LinkedAt = now };
}

/// <summary>A vehicle a Smartcar user connected (server-side flow), by its Smartcar vehicle id, with what Smartcar said it is.</summary>
public sealed class LinkedVehicle(string smartcarVehicleId) : IStoredVehicle
{
    public int Id { get; private set; }

    public string SmartcarVehicleId { get; private set; } = smartcarVehicleId;

    /// <summary>Make, model, year and powertrain as Smartcar gave them; null while they are not read yet.</summary>
    public VehicleDescription? Description { get; private set; }

    /// <summary>
    /// Smartcar's id of the connection between this user and this vehicle (<c>GET /v3/connections</c>): what
    /// <c>DELETE /v3/connections/{id}</c> takes to disconnect just this car. Null for a car listed before it was kept.
    /// </summary>
    public string? ConnectionId { get; private set; }

    /// <summary>What the user granted for this car (the connection's permissions); empty while the connection is not known.</summary>
    public IReadOnlyList<string> Permissions { get; private set; } = [];

    public void Describe(VehicleDescription description) => Description = description;

    public void KeepConnection(string connectionId, IEnumerable<string> permissions)
    {
        ConnectionId = connectionId;
        Permissions = [.. permissions];
    }
}
