namespace SmartcarClean.Domain.Connect;

/// <summary>The <c>error</c> values Smartcar Connect puts on the redirect when the user does not grant access.</summary>
public enum ConnectError
{
    Unknown,
    AccessDenied,
    InvalidSubscription,
    VehicleIncompatible,
    NoVehicles,
    ConfigurationError,
    ServerError,
}

public static class ConnectErrors
{
    public static ConnectError Parse(string? error) => error switch
    {
        "access_denied" => ConnectError.AccessDenied,
        "invalid_subscription" => ConnectError.InvalidSubscription,
        "vehicle_incompatible" => ConnectError.VehicleIncompatible,
        "no_vehicles" => ConnectError.NoVehicles,
        "configuration_error" => ConnectError.ConfigurationError,
        "server_error" => ConnectError.ServerError,
        _ => ConnectError.Unknown,
    };
}
