using System.Text.Json;
using Mediator;
using SmartcarClean.Application.Flows;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Readings;
using SmartcarClean.Application.VehicleData;

namespace SmartcarClean.Application.Vehicles.SetVehicleLock;

/// <summary>
/// Locks or unlocks one of the current user's vehicles, in either flow (classic: API v2.0 <c>POST /security</c>;
/// server-side: API v3 <c>POST .../commands/security/lock|unlock</c>): one call, whose success is stored as the lock state.
/// </summary>
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

internal sealed class SetVehicleLockHandler(VehicleAccess access, ReadingsStore store, TimeProvider time)
    : ICommandHandler<SetVehicleLock, SetVehicleLockOutcome>
{
    public async ValueTask<SetVehicleLockOutcome> Handle(SetVehicleLock command, CancellationToken cancellationToken)
    {
        var opening = await access.OpenAsync(command.VehicleId, cancellationToken);
        if (opening is not VehicleOpening.Open { Vehicle: var car })
        {
            return opening.NotOpen<SetVehicleLockOutcome>(
                new SetVehicleLockOutcome.NotFound(), new SetVehicleLockOutcome.ReconnectNeeded(), p => new SetVehicleLockOutcome.Failed(p));
        }

        try
        {
            await car.SetLockAsync(command.Locked, cancellationToken);
            await KeepLockStateAsync(car, command.Locked, cancellationToken);
            return new SetVehicleLockOutcome.Sent(command.Locked);
        }
        catch (SmartcarApiException e) when (e.IsPermission)
        {
            return new SetVehicleLockOutcome.Failed(new SmartcarProblem.NotAllowed(VehicleEndpoints.ControlSecurity));
        }
        catch (SmartcarApiException e) when (e.RequiresReconnect)
        {
            await car.MarkReconnectNeededAsync(cancellationToken);
            return new SetVehicleLockOutcome.ReconnectNeeded(e);
        }
        catch (SmartcarApiException e)
        {
            return new SetVehicleLockOutcome.Failed(new SmartcarProblem.Refused(e));
        }
        catch (SmartcarAuthException)
        {
            return new SetVehicleLockOutcome.Failed(new SmartcarProblem.ApplicationNotAuthorized());
        }
    }

    // The command's success is the newest lock state there is: stored as recorded now, so the page after it asks nothing.
    private async Task KeepLockStateAsync(OpenVehicle car, bool locked, CancellationToken cancellationToken)
    {
        var readings = await store.ForAsync(car.Vehicle, cancellationToken);
        var now = time.GetUtcNow();
        var unitSystem = readings.Find(VehicleEndpoints.LockStatus.Path)?.UnitSystem ?? "metric";
        readings.Keep(VehicleEndpoints.LockStatus.Path, JsonSerializer.Serialize(new LockStatus(locked), ReadingsStore.Json), unitSystem, now, now);
        await store.SaveAsync(readings, cancellationToken);
    }
}
