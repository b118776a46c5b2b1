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

    public static Connection Create(string ownerId, TokenSet tokens, IEnumerable<string> vehicleIds, DateTimeOffset now)
    {
        var connection = new Connection { Id = Guid.NewGuid(), OwnerId = ownerId, Tokens = tokens, ConnectedAt = now };
        connection._vehicles.AddRange(vehicleIds.Distinct().Select(id => new ConnectedVehicle(id)));
        return connection;
    }
}

/// <summary>A vehicle reached by a connection, by its Smartcar vehicle id.</summary>
public sealed class ConnectedVehicle(string smartcarVehicleId)
{
    public int Id { get; private set; }

    public string SmartcarVehicleId { get; private set; } = smartcarVehicleId;
}
