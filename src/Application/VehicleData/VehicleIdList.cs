namespace SmartcarClean.Application.VehicleData;

/// <summary>Vehicle ids as Smartcar listed them, each once. <see cref="CutShort"/>: why the list stopped early.</summary>
public sealed record VehicleIdList(IReadOnlyList<string> Ids, ListingCut? CutShort = null)
{
    /// <summary>
    /// What the list itself said about its vehicles, by id: API v3's connections carry each vehicle's make, model, year
    /// and powertrain, so they cost no call per vehicle. Empty for API v2.0's list, which gives ids only.
    /// </summary>
    public IReadOnlyDictionary<string, VehicleAttributes> Attributes { get; init; } = new Dictionary<string, VehicleAttributes>();

    /// <summary>
    /// API v3 only: by vehicle id, the Smartcar connection that reaches it (its id, for <c>DELETE /v3/connections/{id}</c>,
    /// and what the user granted). Empty for API v2.0, whose list names no connections.
    /// </summary>
    public IReadOnlyDictionary<string, ListedConnection> Connections { get; init; } = new Dictionary<string, ListedConnection>();
}

/// <summary>A v3 connection between a Smartcar user and one vehicle: its id and the permissions the user granted.</summary>
public sealed record ListedConnection(string Id, IReadOnlyList<string> Permissions);
