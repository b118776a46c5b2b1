namespace SmartcarClean.Domain.Vehicles;

/// <summary>
/// What Smartcar said a vehicle is: make, model, year and, where Smartcar gives it (API v3's <c>powertrainType</c>, e.g.
/// <c>BEV</c>, <c>PHEV</c>, <c>ICE</c>), its powertrain. Read once when the vehicle is connected, or when its owner asks
/// for a refresh, and kept, so that listing the vehicles costs no call to Smartcar.
/// </summary>
public sealed record VehicleDescription(string Make, string Model, int Year, string? Powertrain, DateTimeOffset ReadAt);
