namespace SmartcarClean.Application.VehicleData;

/// <summary>Vehicle ids as Smartcar listed them, each once. <see cref="CutShort"/>: why the list stopped early.</summary>
public sealed record VehicleIdList(IReadOnlyList<string> Ids, ListingCut? CutShort = null);
