using SmartcarClean.Application.Ports;

namespace SmartcarClean.Application.Tokens;

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
