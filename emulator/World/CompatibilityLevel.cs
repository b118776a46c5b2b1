namespace SmartcarClean.Emulator.World;

/// <summary>
/// Which permissions a vehicle supports, as in Smartcar's test logins <c>VIN@LEVEL.smartcar.com</c> (reference §9):
/// compatible and phev support everything, incompatible nothing, fuel no electric permissions, bev no fuel ones.
/// </summary>
public enum CompatibilityLevel
{
    Compatible,
    Phev,
    Incompatible,
    Fuel,
    Bev,
}
