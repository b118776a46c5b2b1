using SmartcarClean.Application.Ports;

namespace SmartcarClean.Application.Tokens;

/// <summary>The one application token of this app (a singleton), shared by every request.</summary>
internal sealed class ApplicationTokenCache(TimeProvider time)
{
    /// <summary>A token this close to its expiry is replaced, so no call starts with a token about to lapse.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private Task<CachedToken>? _current;

    public async Task<string> GetAsync(ISmartcarAuth auth, CancellationToken cancellationToken)
    {
        Task<CachedToken> current;
        lock (_gate)
        {
            if (_current is null or { IsFaulted: true } or { IsCanceled: true }
                || (_current.IsCompletedSuccessfully && _current.Result.RenewAt <= time.GetUtcNow()))
            {
                // Not the caller's cancellation: other requests may be waiting for this same fetch.
                _current = FetchAsync(auth);
            }

            current = _current;
        }

        return (await current.WaitAsync(cancellationToken)).Value;
    }

    /// <summary>Smartcar refused this token: the next caller fetches a new one (unless another already did).</summary>
    public void Forget(string token)
    {
        lock (_gate)
        {
            if (_current is { IsCompletedSuccessfully: true } && _current.Result.Value == token)
            {
                _current = null;
            }
        }
    }

    private async Task<CachedToken> FetchAsync(ISmartcarAuth auth)
    {
        var response = await auth.GetApplicationTokenAsync(CancellationToken.None);
        var renewAt = time.GetUtcNow() + TimeSpan.FromSeconds(response.ExpiresInSeconds) - RenewBefore;
        return new CachedToken(response.AccessToken, renewAt);
    }

    private sealed record CachedToken(string Value, DateTimeOffset RenewAt);
}
