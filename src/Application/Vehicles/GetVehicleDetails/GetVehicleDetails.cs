using Mediator;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Tokens;
using SmartcarClean.Application.VehicleData;

namespace SmartcarClean.Application.Vehicles.GetVehicleDetails;

/// <summary>One of the current user's vehicles: its attributes and whatever its permissions let the app read.</summary>
public sealed record GetVehicleDetails(string VehicleId) : IQuery<VehicleDetailsOutcome>;

/// <summary>The vehicle's details, or why there are none: one of the cases below and nothing else.</summary>
public abstract record VehicleDetailsOutcome
{
    private VehicleDetailsOutcome()
    {
    }

    public sealed record Found(VehicleDetails Details) : VehicleDetailsOutcome;

    /// <summary>Not one of this user's vehicles.</summary>
    public sealed record NotFound : VehicleDetailsOutcome;

    /// <summary>Smartcar no longer honours the connection's tokens: only a new Connect brings the car back.</summary>
    public sealed record ReconnectNeeded : VehicleDetailsOutcome;

    /// <summary>The car is still connected, but Smartcar could not answer this time.</summary>
    public sealed record Failed(SmartcarProblem Problem) : VehicleDetailsOutcome;
}

public sealed record VehicleDetails(
    VehicleAttributes Attributes,
    IReadOnlyList<string> Permissions,
    DataItem<VehicleIdentification>? Vin,
    DataItem<Odometer>? Odometer,
    DataItem<Location>? Location,
    DataItem<Fuel>? Fuel,
    DataItem<Battery>? Battery,
    DataItem<Charge>? Charge,
    DataItem<LockStatus>? LockStatus)
{
    public bool CanLockAndUnlock => Permissions.Contains(VehicleEndpoints.ControlSecurity);
}

/// <summary>A reading, or the reason it could not be read. Null in <see cref="VehicleDetails"/> when not permitted.</summary>
public abstract record DataItem<T>
{
    private DataItem()
    {
    }

    public sealed record Read(Reading<T> Reading) : DataItem<T>;

    public sealed record Failed(SmartcarProblem Problem) : DataItem<T>;
}

internal sealed class GetVehicleDetailsHandler(VehicleAccess access, ISmartcarApi api)
    : IQueryHandler<GetVehicleDetails, VehicleDetailsOutcome>
{
    public async ValueTask<VehicleDetailsOutcome> Handle(GetVehicleDetails query, CancellationToken cancellationToken)
    {
        var opening = await access.OpenAsync(query.VehicleId, cancellationToken);
        if (opening is not VehicleOpening.Open(var connection, var token))
        {
            return opening switch
            {
                VehicleOpening.NotFound => new VehicleDetailsOutcome.NotFound(),
                VehicleOpening.Unavailable unavailable => new VehicleDetailsOutcome.Failed(new SmartcarProblem.Refused(unavailable.Refusal)),
                _ => new VehicleDetailsOutcome.ReconnectNeeded(), // VehicleOpening.ReconnectNeeded, the one case left
            };
        }

        try
        {
            var attributes = api.GetAttributesAsync(token, query.VehicleId, cancellationToken);
            var permissions = await api.GetPermissionsAsync(token, query.VehicleId, cancellationToken);
            var reader = new Reader(api, token, query.VehicleId, permissions, cancellationToken);

            // Every permitted reading at once: one slow endpoint should not hold up the others.
            var vin = reader.ReadAsync(VehicleEndpoints.Vin);
            var odometer = reader.ReadAsync(VehicleEndpoints.Odometer);
            var location = reader.ReadAsync(VehicleEndpoints.Location);
            var fuel = reader.ReadAsync(VehicleEndpoints.Fuel);
            var battery = reader.ReadAsync(VehicleEndpoints.Battery);
            var charge = reader.ReadAsync(VehicleEndpoints.Charge);
            var lockStatus = reader.ReadAsync(VehicleEndpoints.LockStatus);
            return new VehicleDetailsOutcome.Found(new VehicleDetails(
                await attributes, permissions,
                await vin, await odometer, await location, await fuel, await battery, await charge, await lockStatus));
        }
        catch (SmartcarApiException e) when (e.RequiresReconnect)
        {
            await access.MarkReconnectNeededAsync(connection, cancellationToken);
            return new VehicleDetailsOutcome.ReconnectNeeded();
        }
        catch (SmartcarApiException e)
        {
            return new VehicleDetailsOutcome.Failed(new SmartcarProblem.Refused(e));
        }
    }

    private sealed class Reader(
        ISmartcarApi api, string token, string vehicleId, IReadOnlyList<string> permissions, CancellationToken cancellationToken)
    {
        public async Task<DataItem<T>?> ReadAsync<T>(VehicleEndpoint<T> endpoint)
        {
            if (!permissions.Contains(endpoint.Permission))
            {
                return null;
            }

            try
            {
                return new DataItem<T>.Read(await api.ReadAsync(token, vehicleId, endpoint, cancellationToken));
            }
            catch (SmartcarApiException e) when (e.IsPermission)
            {
                return new DataItem<T>.Failed(new SmartcarProblem.NotAllowed(endpoint.Permission));
            }
            catch (SmartcarApiException e) when (!e.RequiresReconnect)
            {
                // One reading failing (an asleep car, a rate limit) still leaves the others to show.
                return new DataItem<T>.Failed(new SmartcarProblem.Refused(e));
            }
        }
    }
}
