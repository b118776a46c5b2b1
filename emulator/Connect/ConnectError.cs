using System.Globalization;
using SmartcarClean.Emulator.Http;
using SmartcarClean.Emulator.World;

namespace SmartcarClean.Emulator.Connect;

/// <summary>
/// A Connect error (reference §2.2): the redirect back carries <c>error</c>, <c>error_description</c> (the documented
/// text), any extra details and <c>state</c>.
/// </summary>
internal sealed record ConnectError(string Code, string Description, IReadOnlyList<(string Name, string Value)> Details)
{
    public const string ConfigurationErrorCode = "configuration_error";

    public static ConnectError AccessDenied { get; } =
        new("access_denied", "User denied access to application.", []);

    public static ConnectError InvalidSubscription { get; } =
        new("invalid_subscription", "User does not have an active connected vehicle subscription.", []);

    public static ConnectError NoVehicles { get; } =
        new("no_vehicles", "No vehicles found. Please add vehicles to your account and try again.", []);

    // Smartcar documents no text for server_error; this one is the emulator's.
    public static ConnectError ServerError { get; } =
        new("server_error", "Unexpected server error. Please try again.", []);

    /// <summary>The user shares the vehicle's details, so the app can tell them why it is not compatible.</summary>
    public static ConnectError VehicleIncompatible(Vehicle vehicle) =>
        new("vehicle_incompatible", "The user’s vehicle is not compatible.",
        [
            ("vin", vehicle.Vin),
            ("make", vehicle.Make),
            ("model", vehicle.Model),
            ("year", vehicle.Year.ToString(CultureInfo.InvariantCulture)),
        ]);

    /// <summary>Shown as an error page first; the redirect happens when the user chooses to return to the app.</summary>
    public static ConnectError Configuration(int statusCode, string message) =>
        new(ConfigurationErrorCode, "There has been an error in the configuration of your application.",
            [("status_code", statusCode.ToString(CultureInfo.InvariantCulture)), ("error_message", message)]);

    public string RedirectUri(string redirectUri, string? state) =>
        UrlEncoded.AppendQuery(redirectUri,
            [("error", Code), ("error_description", Description), .. Details.Select(d => (d.Name, (string?)d.Value)), ("state", state)]);
}
