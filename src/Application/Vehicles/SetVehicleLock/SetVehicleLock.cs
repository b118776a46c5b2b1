using Mediator;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Tokens;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Vehicles.SetVehicleLock;

/// <summary>Locks or unlocks one of the current user's vehicles.</summary>
public sealed record SetVehicleLock(string VehicleId, bool Locked) : ICommand<SetVehicleLockOutcome>;

/// <summary>What became of the command: one of the cases below and nothing else.</summary>
public abstract record SetVehicleLockOutcome
{
    private SetVehicleLockOutcome()
    {
    }

    /// <summary>Smartcar passed LOCK (<see cref="Locked"/>) or UNLOCK on to the car.</summary>
    public sealed record Sent(bool Locked) : SetVehicleLockOutcome;

    /// <summary>Not one of this user's vehicles.</summary>
    public sealed record NotFound : SetVehicleLockOutcome;

    /// <summary>
    /// The connection's access has ended: only a new Connect brings the car back. <see cref="Refusal"/>: Smartcar's answer
    /// to this command that said so, when it was asked (the connection is then marked so).
    /// </summary>
    public sealed record ReconnectNeeded(SmartcarApiException? Refusal = null) : SetVehicleLockOutcome;

    /// <summary>Smartcar did not pass the command on, this time.</summary>
    public sealed record Failed(SmartcarProblem Problem) : SetVehicleLockOutcome;
}

internal sealed class SetVehicleLockHandler(VehicleAccess access, ISmartcarApi api) : ICommandHandler<SetVehicleLock, SetVehicleLockOutcome>
{
    public async ValueTask<SetVehicleLockOutcome> Handle(SetVehicleLock command, CancellationToken cancellationToken)
    {
        (Connection Connection, string? AccessToken)? found;
        try
        {
            found = await access.ForAsync(command.VehicleId, cancellationToken);
        }
        catch (SmartcarApiException e)
        {
            // The token could not be renewed this time (Smartcar unreachable, an outage): the connection still holds.
            return new SetVehicleLockOutcome.Failed(new SmartcarProblem.Refused(e));
        }

        if (found is not { } vehicle)
        {
            return new SetVehicleLockOutcome.NotFound();
        }

        if (vehicle.AccessToken is not { } token)
        {
            return new SetVehicleLockOutcome.ReconnectNeeded();
        }

        try
        {
            await api.SetLockAsync(token, command.VehicleId, command.Locked, cancellationToken);
            return new SetVehicleLockOutcome.Sent(command.Locked);
        }
        catch (SmartcarApiException e) when (e.IsPermission)
        {
            return new SetVehicleLockOutcome.Failed(new SmartcarProblem.NotAllowed(VehicleEndpoints.ControlSecurity));
        }
        catch (SmartcarApiException e) when (e.RequiresReconnect)
        {
            await access.MarkReconnectNeededAsync(vehicle.Connection, cancellationToken);
            return new SetVehicleLockOutcome.ReconnectNeeded(e);
        }
        catch (SmartcarApiException e)
        {
            return new SetVehicleLockOutcome.Failed(new SmartcarProblem.Refused(e));
        }
    }
}
