using SmartcarClean.Application.Options;

namespace SmartcarClean.Application.Attributes;

/// <summary>
/// Every Smartcar call one page view makes: at most <see cref="SmartcarLimits.MaxConcurrentCalls"/> at once, and all of
/// them ended at the page's deadline, so that however many cars Smartcar lists, one page view stays bounded.
/// </summary>
internal sealed class PageCalls : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _callsEnd;

    public PageCalls(SmartcarLimits limits, TimeProvider time, CancellationToken requestAborted)
    {
        _slots = new SemaphoreSlim(limits.MaxConcurrentCalls);
        _deadline = new CancellationTokenSource(limits.PageDeadline, time);
        _callsEnd = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _deadline.Token);
        Deadline = limits.PageDeadline;
    }

    public TimeSpan Deadline { get; }

    /// <summary>The calls were ended by the page's deadline (not by the browser going away).</summary>
    public bool DeadlinePassed => _deadline.IsCancellationRequested;

    /// <summary>Ends with the page's deadline: for work that only reads, never for a token refresh half done.</summary>
    public CancellationToken Token => _callsEnd.Token;

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call)
    {
        await _slots.WaitAsync(Token);
        try
        {
            return await call(Token);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Runs one call per item; those the deadline ended are left out instead of failing the others.</summary>
    public async Task<(IReadOnlyList<T> Done, bool DeadlinePassed)> RunEachAsync<TItem, T>(
        IEnumerable<TItem> items, Func<TItem, CancellationToken, Task<T>> call)
        where T : class
    {
        var results = await Task.WhenAll(items.Select(async item =>
        {
            try
            {
                return await RunAsync(token => call(item, token));
            }
            catch (OperationCanceledException) when (DeadlinePassed)
            {
                return null;
            }
        }));
        return ([.. results.OfType<T>()], results.Any(r => r is null));
    }

    public void Dispose()
    {
        _callsEnd.Dispose();
        _deadline.Dispose();
        _slots.Dispose();
    }
}
