using Mediator;
using SmartcarClean.Application.Flows;
using SmartcarClean.Application.Readings;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Vehicles.RefreshVehicleReadings;

/// <summary>
/// "Refresh now": the owner wants fresh readings of one of their vehicles, so the next view asks Smartcar whatever the
/// freshness window says; at most once a minute per vehicle. Asks Smartcar nothing itself.
/// </summary>
public sealed record RefreshVehicleReadings(string VehicleId) : ICommand<RefreshVehicleReadingsOutcome>;

/// <summary>What became of the request: one of the cases below and nothing else.</summary>
public abstract record RefreshVehicleReadingsOutcome
{
    private RefreshVehicleReadingsOutcome()
    {
    }

    /// <summary>The next view asks Smartcar.</summary>
    public sealed record Refreshing : RefreshVehicleReadingsOutcome;

    /// <summary>Smartcar was asked less than a minute ago: <see cref="AllowedAt"/>, the next refresh may ask; now, the app's now.</summary>
    public sealed record TooSoon(DateTimeOffset AllowedAt, DateTimeOffset Now) : RefreshVehicleReadingsOutcome;

    /// <summary>Not one of this user's vehicles.</summary>
    public sealed record NotFound : RefreshVehicleReadingsOutcome;
}

internal sealed class RefreshVehicleReadingsHandler(UserVehicles vehicles, FreshReadings freshReadings, TimeProvider time)
    : ICommandHandler<RefreshVehicleReadings, RefreshVehicleReadingsOutcome>
{
    public async ValueTask<RefreshVehicleReadingsOutcome> Handle(RefreshVehicleReadings command, CancellationToken cancellationToken)
    {
        if (await vehicles.FindAsync(command.VehicleId, cancellationToken) is not { } vehicle)
        {
            return new RefreshVehicleReadingsOutcome.NotFound();
        }

        // In the car's turn: expiring readings another request is fetching right now would make the next view ask again.
        var outcome = await freshReadings.ChangeAsync<RefreshVehicleReadingsOutcome>(vehicle, readings =>
        {
            var now = time.GetUtcNow();
            if (readings.RefreshAllowedAt(now) is { } allowedAt)
            {
                return new RefreshVehicleReadingsOutcome.TooSoon(allowedAt, now);
            }

            readings.Expire();
            return new RefreshVehicleReadingsOutcome.Refreshing();
        }, cancellationToken);

        // Smartcar is being asked about this car right now, for another request, and has been for the page deadline.
        return outcome ?? new RefreshVehicleReadingsOutcome.TooSoon(time.GetUtcNow() + VehicleReadings.RefreshInterval, time.GetUtcNow());
    }
}
