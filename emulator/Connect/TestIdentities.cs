using System.Globalization;
using System.Text.RegularExpressions;
using SmartcarClean.Emulator.World;

namespace SmartcarClean.Emulator.Connect;

/// <summary>
/// Smartcar's test-mode logins (reference §9), honoured in every mode because the emulator has no real accounts.
/// Any email and password give one vehicle of the chosen brand; the emails below change that:
/// <list type="bullet">
/// <item><c>N-vehicles@smartcar.com</c> (N = 1–999): N vehicles. <c>0-vehicles@smartcar.com</c>: <c>no_vehicles</c>.</item>
/// <item><c>VIN@LEVEL.smartcar.com</c>: one vehicle with that VIN (17 letters or digits) and compatibility level.</item>
/// <item><c>smartcar@successful-request.com</c>: one vehicle with Smartcar's VIN for it.</item>
/// <item><c>smartcar@vehicle-incompatible.com</c>, <c>smartcar@invalid-subscription.com</c>: those Connect errors.</item>
/// <item><c>smartcar@server-error.com</c> (the emulator's own): <c>server_error</c>.</item>
/// </list>
/// </summary>
internal static partial class TestIdentities
{
    public const string SuccessfulRequestEmail = "smartcar@successful-request.com";
    public const string VehicleIncompatibleEmail = "smartcar@vehicle-incompatible.com";
    public const string InvalidSubscriptionEmail = "smartcar@invalid-subscription.com";
    public const string NoVehiclesEmail = "0-vehicles@smartcar.com";
    public const string ServerErrorEmail = "smartcar@server-error.com";

    // The Single Select VINs Smartcar lists for its test emails.
    private const string SuccessfulRequestVin = "0SCAUDI037A5ADB1C";
    private const string VehicleIncompatibleVin = "0SCAUDI012FE3B132";

    /// <summary>The Connect error this email ends in right after sign-in, or null when it signs in.</summary>
    public static ConnectError? ErrorFor(string email, VehicleCatalog.Brand brand) => email.ToLowerInvariant() switch
    {
        VehicleIncompatibleEmail => ConnectError.VehicleIncompatible(VehicleCatalog.CreateVehicle(brand, 0) with { Vin = VehicleIncompatibleVin }),
        InvalidSubscriptionEmail => ConnectError.InvalidSubscription,
        NoVehiclesEmail => ConnectError.NoVehicles,
        ServerErrorEmail => ConnectError.ServerError,
        _ => null,
    };

    /// <summary>The vehicles a first sign-in with this email finds in the account.</summary>
    public static List<Vehicle> CreateGarage(string email, VehicleCatalog.Brand brand)
    {
        if (string.Equals(email, SuccessfulRequestEmail, StringComparison.OrdinalIgnoreCase))
        {
            return [VehicleCatalog.CreateVehicle(brand, 0) with { Vin = SuccessfulRequestVin }];
        }

        var vinAtLevel = VinAtLevelEmail().Match(email);
        if (vinAtLevel.Success && CompatibilityLevels.Parse(vinAtLevel.Groups["level"].Value) is { } level)
        {
            var vin = vinAtLevel.Groups["vin"].Value.ToUpperInvariant();
            return [VehicleCatalog.CreateVehicle(brand, 0) with { Vin = vin, Compatibility = level }];
        }

        return [.. Enumerable.Range(0, VehicleCount(email)).Select(i => VehicleCatalog.CreateVehicle(brand, i))];
    }

    /// <summary>Smartcar's test VINs start with 0SC (no real VIN starts with 0); they belong to test mode.</summary>
    public static bool IsTestVin(string vin) => vin.StartsWith("0SC", StringComparison.OrdinalIgnoreCase);

    private static int VehicleCount(string email)
    {
        var match = ManyVehiclesEmail().Match(email);
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n is >= 1 and <= 999 ? n : 1;
    }

    [GeneratedRegex(@"^(\d{1,3})-vehicles@smartcar\.com$", RegexOptions.IgnoreCase)]
    private static partial Regex ManyVehiclesEmail();

    [GeneratedRegex(@"^(?<vin>[A-Za-z0-9]{17})@(?<level>[a-z]+)\.smartcar\.com$", RegexOptions.IgnoreCase)]
    private static partial Regex VinAtLevelEmail();
}
