namespace SmartcarClean.Application.Common;

/// <summary>
/// The server-side flow's application token: fetched with client_credentials, kept until shortly before it expires,
/// and fetched once however many requests need it at the same moment.
/// </summary>
internal sealed class ApplicationTokens(ISmartcarAuth auth, ApplicationTokenCache cache)
{
    /// <summary>
    /// Runs an API call with the application token. When Smartcar says the token is no longer valid (401: revoked, or
    /// expired earlier than announced), the token is dropped and the call tried once more with a new one. A 403 is
    /// about the vehicle or user, not the token, and is not retried.
    /// </summary>
    public async Task<T> CallAsync<T>(Func<string, Task<T>> call, CancellationToken cancellationToken)
    {
        var token = await cache.GetAsync(auth, cancellationToken);
        try
        {
            return await call(token);
        }
        catch (SmartcarApiException e) when (e is { IsAuthentication: true, StatusCode: 401 })
        {
            cache.Forget(token);
            return await call(await cache.GetAsync(auth, cancellationToken));
        }
    }
}

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
