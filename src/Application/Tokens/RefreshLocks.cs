using System.Collections.Concurrent;

namespace SmartcarClean.Application.Tokens;

/// <summary>One lock per connection, for the whole app (a singleton), so refreshes of one connection never overlap.</summary>
internal sealed class RefreshLocks
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _locks = new();

    public SemaphoreSlim For(Guid connectionId) => _locks.GetOrAdd(connectionId, _ => new SemaphoreSlim(1, 1));
}
