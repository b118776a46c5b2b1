using System.Collections.Concurrent;
using SmartcarClean.Application.Flows;
using SmartcarClean.Application.Outcomes;

namespace SmartcarClean.Application.Readings;

/// <summary>
/// One turn per car for the whole app instance (a singleton), so that only one request at a time asks Smartcar for a
/// car's readings or expires them ("Refresh now"): concurrent views of a stale car make one call (ADR-011).
/// </summary>
internal sealed class ReadingsLocks
{
    private readonly ConcurrentDictionary<string, ReadingsTurn> _turns = new();

    public ReadingsTurn For(UserVehicle vehicle) => _turns.GetOrAdd(KeyOf(vehicle), _ => new ReadingsTurn());

    // Readings belong to a ConnectedVehicle or a LinkedVehicle: two key spaces.
    private static string KeyOf(UserVehicle vehicle) => vehicle switch
    {
        UserVehicle.Classic { Vehicle: var car } => $"classic:{car.Id}",
        UserVehicle.ServerSide { Vehicle: var car } => $"server-side:{car.Id}",
        _ => throw new InvalidOperationException($"A car is classic or server-side, not {vehicle.GetType().Name}."),
    };
}

/// <summary>A car's turn to ask Smartcar, and why the last ask of this instance gave nothing fresher.</summary>
internal sealed class ReadingsTurn
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>
    /// Why Smartcar refused the last fetch as a whole (nothing is stored for that: ADR-011), so the requests that waited
    /// for it can say so too; null when it answered.
    /// </summary>
    public SmartcarProblem? LastRefusal { get; set; }
}
