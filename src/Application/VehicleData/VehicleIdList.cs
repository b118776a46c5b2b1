namespace SmartcarClean.Application.VehicleData;

/// <summary>Vehicle ids as Smartcar listed them, each once. <see cref="CutShort"/>: why the list stopped early.</summary>
public sealed record VehicleIdList(IReadOnlyList<string> Ids, ListingCut? CutShort = null)
{
    /// <summary>
    /// What the list itself said about its vehicles, by id: API v3's connections carry each vehicle's make, model, year
    /// and powertrain, so they cost no call per vehicle. Empty for API v2.0's list, which gives ids only.
    /// </summary>
    public IReadOnlyDictionary<string, VehicleAttributes> Attributes { get; init; } = new Dictionary<string, VehicleAttributes>();
}
