using System.Text.Json;
using Mediator;
using SmartcarClean.Application.Flows;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Readings;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Vehicles.GetVehicleDetails;

/// <summary>
/// One of the current user's vehicles: its attributes and whatever its permissions let the app read, from the stored
/// readings while they are fresh (<see cref="ReadingsOptions.FreshFor"/>), otherwise from one call to Smartcar (classic
/// flow: one batch; server-side flow: one signals read). The same page for a car of either flow.
/// </summary>
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

    /// <summary>The car is still connected, but Smartcar could not answer this time, and nothing was stored before.</summary>
    public sealed record Failed(SmartcarProblem Problem) : VehicleDetailsOutcome;
}

/// <summary>
/// <see cref="NotFresher"/>: Smartcar could not answer for any reading this time, so they are the stored ones.
/// <see cref="AsOf"/>: the app's "now" when it answered, for the readings' ages.
/// <see cref="NotKept"/>: the readings were fetched for this view but could not be saved; the next view asks again.
/// </summary>
public sealed record VehicleDetails(
    VehicleAttributes Attributes,
    IReadOnlyList<string> Permissions,
    DataItem<VehicleIdentification>? Vin,
    DataItem<Odometer>? Odometer,
    DataItem<Location>? Location,
    DataItem<Fuel>? Fuel,
    DataItem<Battery>? Battery,
    DataItem<Charge>? Charge,
    DataItem<LockStatus>? LockStatus,
    SmartcarProblem? NotFresher,
    DateTimeOffset AsOf,
    bool NotKept = false)
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

    /// <summary>The stored reading, and why Smartcar gave no newer one the last time it was asked.</summary>
    public sealed record Stale(Reading<T> Reading, SmartcarProblem Problem) : DataItem<T>;

    /// <summary>Never read: why.</summary>
    public sealed record Failed(SmartcarProblem Problem) : DataItem<T>;
}

internal sealed class GetVehicleDetailsHandler(
    VehicleAccess access, FreshReadings freshReadings, TimeProvider time)
    : IQueryHandler<GetVehicleDetails, VehicleDetailsOutcome>
{
    public async ValueTask<VehicleDetailsOutcome> Handle(GetVehicleDetails query, CancellationToken cancellationToken)
    {
        var opening = await access.OpenAsync(query.VehicleId, cancellationToken);
        if (opening is not VehicleOpening.Open { Vehicle: var car })
        {
            return opening.NotOpen<VehicleDetailsOutcome>(
                new VehicleDetailsOutcome.NotFound(), new VehicleDetailsOutcome.ReconnectNeeded(), p => new VehicleDetailsOutcome.Failed(p));
        }

        try
        {
            var attributes = await car.AttributesAsync(time.GetUtcNow(), cancellationToken);
            // One call when the stored readings are stale (classic: one batch; server-side: one signals read), shared by
            // every view of the car that wants it at the same time.
            var (readings, notFresher, notKept) = await freshReadings.ForAsync(car, cancellationToken);
            var now = time.GetUtcNow();
            if (notFresher is not null && !ReadingPaths.All.Any(path => readings.Find(path)?.Value is not null))
            {
                return new VehicleDetailsOutcome.Failed(notFresher);
            }

            return new VehicleDetailsOutcome.Found(Details(attributes, car.Permissions(readings), readings, notFresher, now) with { NotKept = notKept });
        }
        catch (SmartcarApiException e) when (e.RequiresReconnect)
        {
            await car.MarkReconnectNeededAsync(cancellationToken);
            return new VehicleDetailsOutcome.ReconnectNeeded();
        }
        catch (SmartcarApiException e)
        {
            return new VehicleDetailsOutcome.Failed(new SmartcarProblem.Refused(e));
        }
        catch (SmartcarAuthException)
        {
            return new VehicleDetailsOutcome.Failed(new SmartcarProblem.ApplicationNotAuthorized());
        }
    }

    private static VehicleDetails Details(
        VehicleAttributes attributes, IReadOnlyList<string>? permissions, VehicleReadings readings, SmartcarProblem? notFresher, DateTimeOffset now)
    {
        DataItem<T>? Item<T>(VehicleEndpoint<T> endpoint)
        {
            var stored = readings.Find(endpoint.Path);
            var permitted = permissions?.Contains(endpoint.Permission) ?? stored?.Value is not null;
            if (!permitted)
            {
                return null;
            }

            var reading = stored?.Value is { } json && Deserialize<T>(json) is { } value
                ? new Reading<T>(value, stored.RecordedAt, stored.UnitSystem ?? "metric")
                : null;
            // Smartcar refusing the whole batch now says more than a reason kept from an earlier batch.
            var problem = notFresher ?? (stored?.Failure is { } failure ? Problem(failure, endpoint.Permission, now) : null);
            return (reading, problem) switch
            {
                ({ } read, null) => new DataItem<T>.Read(read),
                ({ } read, { } why) => new DataItem<T>.Stale(read, why),
                (null, { } why) => new DataItem<T>.Failed(why),
                _ => null,
            };
        }

        return new VehicleDetails(
            attributes,
            permissions ?? [],
            Item(VehicleEndpoints.Vin),
            Item(VehicleEndpoints.Odometer),
            Item(VehicleEndpoints.Location),
            Item(VehicleEndpoints.Fuel),
            Item(VehicleEndpoints.Battery),
            Item(VehicleEndpoints.Charge),
            Item(VehicleEndpoints.LockStatus),
            notFresher,
            now);
    }

    // A stored failure as the reason the page explains; the Retry-After counts down from when Smartcar said it.
    private static SmartcarProblem Problem(ReadingFailure failure, string permission, DateTimeOffset now) =>
        failure.Type == "PERMISSION"
            ? new SmartcarProblem.NotAllowed(permission)
            : new SmartcarProblem.Refused(new SmartcarApiException(failure.StatusCode, failure.Type, failure.Code, null)
            {
                SuggestedUserMessage = failure.Message,
                RetryAfter = failure.RetryAt is { } at && at > now ? at - now : null,
            });

    // A stored value that no longer reads (another shape, or the key ring lost: see AppDbContext) counts as none.
    private static T? Deserialize<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, ReadingsStore.Json);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
