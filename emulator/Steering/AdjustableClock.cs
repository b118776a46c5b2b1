namespace SmartcarClean.Emulator.Steering;

/// <summary>
/// The emulator's clock: the TimeProvider it was started with plus an offset that only grows, so
/// <c>AdvanceClock</c> works on top of <see cref="TimeProvider.System"/> and a FakeTimeProvider alike.
/// Timers are the inner provider's (nothing in the emulator waits on world time).
/// </summary>
public sealed class AdjustableClock(TimeProvider inner) : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    public override long GetTimestamp() =>
        inner.GetTimestamp() + (long)(Offset.TotalSeconds * inner.TimestampFrequency);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>Moves the clock forward; time never runs backwards, so tokens cannot come back to life.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    /// <summary>Back to the inner provider's time (used by reset, between scenarios).</summary>
    public void ResetOffset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
