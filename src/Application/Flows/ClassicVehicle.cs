using System.Text.Json;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Readings;
using SmartcarClean.Application.Tokens;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Flows;

/// <summary>A car of a classic connection: API v2.0 with the owner's access token; readings in one batch.</summary>
internal sealed class ClassicVehicle(UserVehicle.Classic car, string accessToken, ISmartcarApi api, AccessTokens accessTokens)
    : OpenVehicle(car)
{
    // The permissions come with the first batch and are kept: they change only with a new Connect, which starts afresh.
    public override IReadOnlyList<string>? Permissions(VehicleReadings readings) =>
        readings.Find(ReadingPaths.Permissions)?.Value is { } json ? Deserialize(json)?.Permissions : null;

    /// <summary>
    /// One batch call for every permitted reading (and the permissions, until they are known). Before the permissions
    /// are known, every reading is asked for: one call, and those not permitted answer 403.
    /// </summary>
    public override async Task<SmartcarProblem?> FetchReadingsAsync(VehicleReadings readings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var permissions = Permissions(readings);
        string[] paths = permissions is null
            ? [ReadingPaths.Permissions, .. ReadingPaths.All]
            : [.. ReadingPaths.All.Where(path => permissions.Contains(ReadingPaths.PermissionOf[path]))];
        readings.Asked(now);
        if (paths.Length == 0)
        {
            readings.Answered(now);
            return null;
        }

        IReadOnlyDictionary<string, BatchAnswer> answers;
        try
        {
            answers = await api.ReadBatchAsync(accessToken, VehicleId, paths, cancellationToken);
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

        if (Permissions(readings) is null && answers.GetValueOrDefault(ReadingPaths.Permissions) is BatchAnswer.Failed { Error: var refused })
        {
            return new SmartcarProblem.Refused(refused);
        }

        readings.Answered(now);
        return null;
    }

    public override async Task SetLockAsync(bool locked, CancellationToken cancellationToken) =>
        await api.SetLockAsync(accessToken, VehicleId, locked, cancellationToken);

    public override Task MarkReconnectNeededAsync(CancellationToken cancellationToken) =>
        accessTokens.MarkReconnectNeededAsync(car.Connection, cancellationToken);

    protected override Task<VehicleAttributes> ReadAttributesAsync(CancellationToken cancellationToken) =>
        api.GetAttributesAsync(accessToken, VehicleId, cancellationToken);

    // A stored value that no longer reads (another shape, or the key ring lost) counts as none.
    private static PermissionPage? Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<PermissionPage>(json, ReadingsStore.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record PermissionPage(IReadOnlyList<string>? Permissions);
}
