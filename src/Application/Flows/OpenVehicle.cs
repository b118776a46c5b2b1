using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Flows;

/// <summary>
/// One of the current user's cars, opened for calls to Smartcar: the one place where the classic flow
/// (<see cref="ClassicVehicle"/>: API v2.0 with the owner's token) and the server-side flow (<see cref="ServerSideVehicle"/>:
/// API v3 with the application token and <c>sc-user-id</c>) differ. The use cases are written once against it, and
/// both keep their readings in the same store, in the same shape.
/// </summary>
internal abstract class OpenVehicle(UserVehicle vehicle)
{
    public UserVehicle Vehicle => vehicle;

    public string VehicleId => vehicle.VehicleId;

    /// <summary>What the owner permits for this car, as far as the app knows; null while not known.</summary>
    public abstract IReadOnlyList<string>? Permissions(VehicleReadings readings);

    /// <summary>
    /// The make, model and year stored when the car was connected (ADR-010). Only a car whose attributes could not be
    /// read then is asked now, and what it says is stored the same way.
    /// </summary>
    /// <exception cref="Ports.SmartcarApiException">Smartcar answered the one read with an error.</exception>
    public async Task<VehicleAttributes> AttributesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (vehicle.Stored.Description is not { } description)
        {
            var read = await ReadAttributesAsync(cancellationToken);
            description = new VehicleDescription(read.Make, read.Model, read.Year, read.Powertrain, now);
            vehicle.Stored.Describe(description);
        }

        return new VehicleAttributes(VehicleId, description.Make, description.Model, description.Year, description.Powertrain);
    }

    /// <summary>
    /// One call for the car's readings, kept in <paramref name="readings"/>: a reading that fails keeps its stored value
    /// with why. Returns why nothing is fresher when Smartcar refused the call as a whole.
    /// </summary>
    /// <exception cref="Ports.SmartcarApiException">Only a new Connect brings the car back (<c>RequiresReconnect</c>).</exception>
    public abstract Task<SmartcarProblem?> FetchReadingsAsync(VehicleReadings readings, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Sends LOCK or UNLOCK: one call.</summary>
    /// <exception cref="Ports.SmartcarApiException">Smartcar did not pass the command on.</exception>
    public abstract Task SetLockAsync(bool locked, CancellationToken cancellationToken);

    /// <summary>Smartcar said only a new Connect brings the car back: remember it where the flow can.</summary>
    public abstract Task MarkReconnectNeededAsync(CancellationToken cancellationToken);

    protected abstract Task<VehicleAttributes> ReadAttributesAsync(CancellationToken cancellationToken);
}
