namespace SmartcarClean.Domain.Vehicles;

/// <summary>What one completed Connect gave one app user: tokens, and the vehicles they reach.</summary>
public sealed class Connection
{
    private readonly List<ConnectedVehicle> _vehicles = [];

    private Connection()
    {
        OwnerId = string.Empty;
        Tokens = null!;
    }

    public Guid Id { get; private set; }

    /// <summary>The app's user who connected (the id of their account), in every browser they sign in to.</summary>
    public string OwnerId { get; private set; }

    public TokenSet Tokens { get; private set; }

    public DateTimeOffset ConnectedAt { get; private set; }

    /// <summary>Smartcar no longer honours this connection's tokens: only a new Connect can bring it back.</summary>
    public bool ReconnectNeeded { get; private set; }

    public IReadOnlyList<ConnectedVehicle> Vehicles => _vehicles;

    /// <summary>When Smartcar last listed the vehicles this connection reaches (at connect time, or on a refresh).</summary>
    public DateTimeOffset VehiclesListedAt { get; private set; }

    /// <summary>
    /// Only a new Connect brings this connection back: Smartcar refused its tokens, they can no longer be decrypted, or
    /// its refresh token has run out. Known without asking Smartcar.
    /// </summary>
    public bool NeedsReconnect(DateTimeOffset now) =>
        ReconnectNeeded || Tokens.AreUnreadable || Tokens.IsRefreshTokenExpired(now);

    /// <summary>Keeps a refreshed pair: Smartcar rotates refresh tokens, so the new one must replace the old together.</summary>
    public void ReplaceTokens(TokenSet tokens)
    {
        Tokens = tokens;
        ReconnectNeeded = false;
    }

    public void MarkReconnectNeeded() => ReconnectNeeded = true;

    /// <summary>Forgets one vehicle; true when the connection then reaches none and can be forgotten too.</summary>
    public bool RemoveVehicle(string smartcarVehicleId)
    {
        _vehicles.RemoveAll(v => v.SmartcarVehicleId == smartcarVehicleId);
        return _vehicles.Count == 0;
    }

    /// <summary>Keeps the vehicles Smartcar lists now (<see cref="StoredVehicles.Replace{T}"/>), as listed at <paramref name="now"/>.</summary>
    public void ReplaceVehicles(IEnumerable<string> vehicleIds, DateTimeOffset now)
    {
        StoredVehicles.Replace(_vehicles, vehicleIds, id => new ConnectedVehicle(id));
        VehiclesListedAt = now;
    }

    /// <summary>Keeps what Smartcar said about one of this connection's vehicles (make, model, year).</summary>
    public void Describe(string smartcarVehicleId, VehicleDescription description) =>
        StoredVehicles.Describe(_vehicles, smartcarVehicleId, description);

    public static Connection Create(string ownerId, TokenSet tokens, IEnumerable<string> vehicleIds, DateTimeOffset now)
    {
        var connection = new Connection { Id = Guid.NewGuid(), OwnerId = ownerId, Tokens = tokens, ConnectedAt = now };
        connection.ReplaceVehicles(vehicleIds, now);
        return connection;
    }
}

/// <summary>A vehicle reached by a connection, by its Smartcar vehicle id, with what Smartcar said it is.</summary>
public sealed class ConnectedVehicle(string smartcarVehicleId) : IStoredVehicle
{
    public int Id { get; private set; }

    public string SmartcarVehicleId { get; private set; } = smartcarVehicleId;

    /// <summary>Make, model and year as Smartcar gave them; null while they are not read yet (the read failed).</summary>
    public VehicleDescription? Description { get; private set; }

    public void Describe(VehicleDescription description) => Description = description;
}
