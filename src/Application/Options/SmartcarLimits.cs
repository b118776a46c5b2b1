namespace SmartcarClean.Application.Options;

/// <summary>
/// How much of Smartcar's answers one page view reads, so that a broken or hostile answer (a vehicle count of
/// <c>int.MaxValue</c>, a next link that never ends, a call that never answers) cannot keep the app calling Smartcar
/// without end. Settings <c>Smartcar:Limits:*</c>; what was read within them is shown, with a line saying what was cut.
/// </summary>
public sealed class SmartcarLimits
{
    public const string Section = "Smartcar:Limits";

    /// <summary>Pages of one connection's vehicle list read at most.</summary>
    public int MaxPages { get; set; } = 20;

    /// <summary>Vehicles of one connection shown at most.</summary>
    public int MaxVehicles { get; set; } = 500;

    /// <summary>
    /// Vehicle API calls (v2.0 and v3) in flight at once: per page view, and for the whole app instance, every user and
    /// request sharing the same slots (Infrastructure's SmartcarCallSlots). Token calls are not counted against it.
    /// </summary>
    public int MaxConcurrentCalls { get; set; } = 8;

    /// <summary>How long one page view waits for Smartcar in all (e.g. <c>00:00:20</c>).</summary>
    public TimeSpan PageDeadline { get; set; } = TimeSpan.FromSeconds(20);

    public bool AreValid => MaxPages > 0 && MaxVehicles > 0 && MaxConcurrentCalls > 0 && PageDeadline > TimeSpan.Zero;
}
