using Microsoft.Extensions.Options;
using SmartcarClean.Application.Options;

namespace SmartcarClean.Infrastructure.Smartcar;

/// <summary>
/// At most <see cref="SmartcarLimits.MaxConcurrentCalls"/> vehicle API calls in flight for the whole app instance:
/// every page view, user and fan-out shares these slots, so many people opening pages at once cannot burst past it.
/// </summary>
internal sealed class SmartcarCallSlots(IOptions<SmartcarLimits> limits) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(limits.Value.MaxConcurrentCalls);

    /// <summary>Waits for a free slot; dispose the answer to free it.</summary>
    public async Task<IDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _freed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _freed, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
