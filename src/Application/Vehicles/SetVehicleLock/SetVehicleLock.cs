using Mediator;
using SmartcarClean.Application.Common;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Tokens;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Vehicles.SetVehicleLock;

/// <summary>Locks or unlocks one of the current user's vehicles.</summary>
public sealed record SetVehicleLock(string VehicleId, bool Locked) : ICommand<CommandOutcome>;

internal sealed class SetVehicleLockHandler(VehicleAccess access, ISmartcarApi api) : ICommandHandler<SetVehicleLock, CommandOutcome>
{
    public async ValueTask<CommandOutcome> Handle(SetVehicleLock command, CancellationToken cancellationToken)
    {
        (Connection Connection, string? AccessToken)? found;
        try
        {
            found = await access.ForAsync(command.VehicleId, cancellationToken);
        }
        catch (SmartcarApiException e)
        {
            // The token could not be renewed this time (Smartcar unreachable, an outage): the connection still holds.
            return new CommandOutcome(false, SmartcarErrorMessages.For(e));
        }

        if (found is not { } vehicle)
        {
            return new CommandOutcome(false, "This is not one of your vehicles.", NotFound: true);
        }

        if (vehicle.AccessToken is not { } token)
        {
            return new CommandOutcome(false, "Access to this car has ended. Please connect it again.", ReconnectNeeded: true);
        }

        try
        {
            await api.SetLockAsync(token, command.VehicleId, command.Locked, cancellationToken);
            return new CommandOutcome(true, command.Locked ? "Your car was asked to lock." : "Your car was asked to unlock.");
        }
        catch (SmartcarApiException e) when (e.IsPermission)
        {
            return new CommandOutcome(
                false, SmartcarErrorMessages.ForMissingPermission(VehicleEndpoints.ControlSecurity),
                MissingPermission: VehicleEndpoints.ControlSecurity);
        }
        catch (SmartcarApiException e)
        {
            if (e.RequiresReconnect)
            {
                await access.MarkReconnectNeededAsync(vehicle.Connection, cancellationToken);
            }

            return new CommandOutcome(false, SmartcarErrorMessages.For(e), ReconnectNeeded: e.RequiresReconnect);
        }
    }
}
