using SmartcarClean.Application.Ports;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Tokens;

/// <summary>What opening one of the current user's vehicles for a call to Smartcar gave: one of the cases below.</summary>
internal abstract record VehicleOpening
{
    private VehicleOpening()
    {
    }

    /// <summary>A good access token for the vehicle, and the connection it belongs to.</summary>
    public sealed record Open(Connection Connection, string AccessToken) : VehicleOpening;

    /// <summary>The vehicle is not one of the user's.</summary>
    public sealed record NotFound : VehicleOpening;

    /// <summary>The connection's access has ended: only a new Connect brings the car back.</summary>
    public sealed record ReconnectNeeded : VehicleOpening;

    /// <summary>The token could not be renewed this time (Smartcar unreachable, an outage): the connection still holds.</summary>
    public sealed record Unavailable(SmartcarApiException Refusal) : VehicleOpening;
}
