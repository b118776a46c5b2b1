using Microsoft.Extensions.Options;
using SmartcarClean.Application.Flows;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Readings;

/// <summary>
/// A car's readings for a view: the stored ones while fresh (<see cref="ReadingsOptions.FreshFor"/>), otherwise one call
/// to Smartcar for all the requests of this app instance that want them at once. The first to take the car's turn
/// (<see cref="ReadingsLocks"/>) asks and stores; the others wait for it, at most the page deadline and never past their
/// own cancellation, and show what it stored.
/// </summary>
internal sealed class FreshReadings(
    ReadingsStore store, ReadingsLocks locks, IOptions<ReadingsOptions> options, IOptions<SmartcarLimits> limits, TimeProvider time)
{
    /// <exception cref="Ports.SmartcarApiException">Only a new Connect brings the car back (<c>RequiresReconnect</c>).</exception>
    public async Task<ReadingsForView> ForAsync(OpenVehicle car, CancellationToken cancellationToken)
    {
        var readings = await store.ForAsync(car.Vehicle, cancellationToken);
        if (readings.IsFresh(time.GetUtcNow(), options.Value.FreshFor))
        {
            await store.SaveAsync(readings, cancellationToken);
            return new ReadingsForView(readings, null);
        }

        var turn = locks.For(car.Vehicle);
        var askedBefore = readings.AskedAt;
        if (!await turn.Gate.WaitAsync(limits.Value.PageDeadline, cancellationToken))
        {
            return new ReadingsForView(readings, new SmartcarProblem.PastDeadline(limits.Value.PageDeadline, 0));
        }

        try
        {
            // Another request may have asked Smartcar while this one waited: continue from what is stored now.
            readings = await store.ReloadAsync(readings, car.Vehicle, cancellationToken);
            var now = time.GetUtcNow();
            if (readings.IsFresh(now, options.Value.FreshFor) || readings.AskedAt != askedBefore)
            {
                await store.SaveAsync(readings, cancellationToken);
                return new ReadingsForView(readings, readings.IsFresh(now, options.Value.FreshFor) ? null : turn.LastRefusal);
            }

            var notFresher = await car.FetchReadingsAsync(readings, now, cancellationToken);
            turn.LastRefusal = notFresher;
            var kept = await store.SaveAsync(readings, cancellationToken);
            return new ReadingsForView(readings, notFresher, NotKept: !kept);
        }
        finally
        {
            turn.Gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="change"/> on the car's readings as stored, in the car's turn, and saves them: a change made
    /// between another request's fetch and its save would undo it.
    /// </summary>
    /// <returns>What <paramref name="change"/> returned; null when the car's turn did not come within the page deadline.</returns>
    public async Task<T?> ChangeAsync<T>(UserVehicle vehicle, Func<VehicleReadings, T> change, CancellationToken cancellationToken)
        where T : class
    {
        var turn = locks.For(vehicle);
        if (!await turn.Gate.WaitAsync(limits.Value.PageDeadline, cancellationToken))
        {
            return null;
        }

        try
        {
            var readings = await store.ForAsync(vehicle, cancellationToken);
            var result = change(readings);
            await store.SaveAsync(readings, cancellationToken);
            return result;
        }
        finally
        {
            turn.Gate.Release();
        }
    }
}

/// <summary>
/// The readings a view shows. <see cref="NotFresher"/>: why they are not fresher (Smartcar refused, or another request is
/// still asking). <see cref="NotKept"/>: they were fetched for this view but could not be saved.
/// </summary>
internal sealed record ReadingsForView(VehicleReadings Readings, SmartcarProblem? NotFresher, bool NotKept = false);
