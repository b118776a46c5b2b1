using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.Ports;

namespace SmartcarClean.Application.Flows;

/// <summary>What opening one of the current user's vehicles for a call to Smartcar gave: one of the cases below.</summary>
internal abstract record VehicleOpening
{
    private VehicleOpening()
    {
    }

    /// <summary>The vehicle, ready for calls to Smartcar in its flow.</summary>
    public sealed record Open(OpenVehicle Vehicle) : VehicleOpening;

    /// <summary>The vehicle is not one of the user's.</summary>
    public sealed record NotFound : VehicleOpening;

    /// <summary>The connection's access has ended: only a new Connect brings the car back.</summary>
    public sealed record ReconnectNeeded : VehicleOpening;

    /// <summary>The token could not be renewed this time (Smartcar unreachable, an outage): the connection still holds.</summary>
    public sealed record Unavailable(SmartcarApiException Refusal) : VehicleOpening;

    /// <summary>
    /// The answer of a request whose vehicle did not open, in that request's outcome type: every use case says the same
    /// three things when it cannot reach the car.
    /// </summary>
    public TOutcome NotOpen<TOutcome>(TOutcome notFound, TOutcome reconnectNeeded, Func<SmartcarProblem, TOutcome> failed) => this switch
    {
        NotFound => notFound,
        ReconnectNeeded => reconnectNeeded,
        Unavailable unavailable => failed(new SmartcarProblem.Refused(unavailable.Refusal)),
        _ => throw new InvalidOperationException("The vehicle is open: there is no reason it is not."),
    };
}
