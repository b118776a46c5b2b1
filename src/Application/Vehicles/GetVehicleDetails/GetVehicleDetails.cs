using System.Text.Json;
using Mediator;
using Microsoft.Extensions.Options;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Readings;
using SmartcarClean.Application.Tokens;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Vehicles.GetVehicleDetails;

/// <summary>
/// One of the current user's vehicles: its attributes and whatever its permissions let the app read, from the stored
/// readings while they are fresh (<see cref="ReadingsOptions.FreshFor"/>), otherwise from one batch call to Smartcar.
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
    DateTimeOffset AsOf)
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
    VehicleAccess access, ISmartcarApi api, ReadingsStore store, IOptions<ReadingsOptions> options, TimeProvider time)
    : IQueryHandler<GetVehicleDetails, VehicleDetailsOutcome>
{
    // The permissions come with the first batch and are kept: they change only with a new Connect, which starts afresh.
    private const string PermissionsPath = "permissions";

    private static readonly string[] ReadingPaths =
    [
        VehicleEndpoints.Vin.Path, VehicleEndpoints.Odometer.Path, VehicleEndpoints.Location.Path, VehicleEndpoints.Fuel.Path,
        VehicleEndpoints.Battery.Path, VehicleEndpoints.Charge.Path, VehicleEndpoints.LockStatus.Path,
    ];

    private static readonly Dictionary<string, string> PermissionOf = new()
    {
        [VehicleEndpoints.Vin.Path] = VehicleEndpoints.Vin.Permission,
        [VehicleEndpoints.Odometer.Path] = VehicleEndpoints.Odometer.Permission,
        [VehicleEndpoints.Location.Path] = VehicleEndpoints.Location.Permission,
        [VehicleEndpoints.Fuel.Path] = VehicleEndpoints.Fuel.Permission,
        [VehicleEndpoints.Battery.Path] = VehicleEndpoints.Battery.Permission,
        [VehicleEndpoints.Charge.Path] = VehicleEndpoints.Charge.Permission,
        [VehicleEndpoints.LockStatus.Path] = VehicleEndpoints.LockStatus.Permission,
    };

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

        var readings = await store.ForAsync(connection, query.VehicleId, cancellationToken);
        var now = time.GetUtcNow();
        try
        {
            var attributes = await AttributesAsync(connection, token, query.VehicleId, now, cancellationToken);
            var notFresher = readings.IsFresh(now, options.Value.FreshFor)
                ? null
                : await FetchAsync(readings, token, query.VehicleId, now, cancellationToken);
            await store.SaveAsync(readings, cancellationToken);
            if (notFresher is not null && !ReadingPaths.Any(path => readings.Find(path)?.Value is not null))
            {
                return new VehicleDetailsOutcome.Failed(notFresher);
            }

            return new VehicleDetailsOutcome.Found(Details(attributes, readings, notFresher, now));
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

    /// <summary>
    /// The make, model and year stored on the connected vehicle when it was connected (ADR-010). Only a car whose
    /// attributes could not be read then is asked now (<c>GET /vehicles/{id}</c>), and what it says is stored the same way.
    /// </summary>
    private async Task<VehicleAttributes> AttributesAsync(
        Connection connection, string token, string vehicleId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var vehicle = connection.Vehicles.First(v => v.SmartcarVehicleId == vehicleId);
        if (vehicle.Description is not { } description)
        {
            var read = await api.GetAttributesAsync(token, vehicleId, cancellationToken);
            description = new VehicleDescription(read.Make, read.Model, read.Year, read.Powertrain, now);
            vehicle.Describe(description);
        }

        return new VehicleAttributes(vehicleId, description.Make, description.Model, description.Year, description.Powertrain);
    }

    /// <summary>
    /// One batch call for every permitted reading (and the permissions, until they are known); returns why nothing is
    /// fresher when Smartcar refused the batch as a whole. One path failing keeps its stored value, with why.
    /// </summary>
    private async Task<SmartcarProblem?> FetchAsync(
        VehicleReadings readings, string token, string vehicleId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var permissions = Permissions(readings);
        // Before the permissions are known, every reading is asked for: one call, and those not permitted answer 403.
        string[] paths = permissions is null
            ? [PermissionsPath, .. ReadingPaths]
            : [.. ReadingPaths.Where(path => permissions.Contains(PermissionOf[path]))];
        readings.Asked(now);
        if (paths.Length == 0)
        {
            readings.Answered(now);
            return null;
        }

        IReadOnlyDictionary<string, BatchAnswer> answers;
        try
        {
            answers = await api.ReadBatchAsync(token, vehicleId, paths, cancellationToken);
        }
        catch (SmartcarApiException e) when (!e.RequiresReconnect)
        {
            return new SmartcarProblem.Refused(e);
        }

        foreach (var (path, answer) in answers)
        {
            switch (answer)
            {
                case BatchAnswer.Read read:
                    readings.Keep(path, read.Json, read.UnitSystem, read.DataAge, now);
                    break;
                case BatchAnswer.Failed { Error: var error } when error.RequiresReconnect:
                    throw error;
                case BatchAnswer.Failed { Error: var error }:
                    readings.Fail(path, new ReadingFailure(
                        error.StatusCode, error.Type, error.ErrorCode, error.SuggestedUserMessage, now + error.RetryAfter));
                    break;
            }
        }

        if (Permissions(readings) is null && answers.GetValueOrDefault(PermissionsPath) is BatchAnswer.Failed { Error: var refused })
        {
            return new SmartcarProblem.Refused(refused);
        }

        readings.Answered(now);
        return null;
    }

    private static VehicleDetails Details(VehicleAttributes attributes, VehicleReadings readings, SmartcarProblem? notFresher, DateTimeOffset now)
    {
        var permissions = Permissions(readings);
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

    private static IReadOnlyList<string>? Permissions(VehicleReadings readings) =>
        readings.Find(PermissionsPath)?.Value is { } json ? Deserialize<PermissionPage>(json)?.Permissions : null;

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

    private sealed record PermissionPage(IReadOnlyList<string>? Permissions);
}
