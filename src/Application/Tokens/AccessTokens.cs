using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Telemetry;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Tokens;

/// <summary>
/// Hands out a connection's access token for an API call, refreshing it first when it is about to expire.
/// Concurrent requests for one connection share a single refresh: Smartcar rotates refresh tokens, so a second
/// refresh with the old token would race the first and could leave the stored pair invalid.
/// </summary>
internal sealed class AccessTokens(
    IApplicationDbContext db,
    ISmartcarAuth auth,
    RefreshLocks locks,
    RefreshLeases leases,
    TokenRefreshMetrics refreshes,
    TimeProvider time,
    ILogger<AccessTokens> logger)
{
    /// <summary>How often a request waiting for another instance's refresh looks at the stored tokens again.</summary>
    private static readonly TimeSpan LeasePollInterval = TimeSpan.FromMilliseconds(100);

    /// <returns>The access token, or null when the connection needs the user to connect again (it is then marked so).</returns>
    public async Task<string?> ForAsync(Connection connection, CancellationToken cancellationToken)
    {
        if (connection.Tokens.AreUnreadable)
        {
            await MarkUnreadableAsync(connection, cancellationToken);
            return null;
        }

        if (connection.ReconnectNeeded)
        {
            return null;
        }

        if (!connection.Tokens.NeedsRefresh(time.GetUtcNow()))
        {
            return connection.Tokens.AccessToken;
        }

        // One request per app instance goes on to the lease; the others wait here and then read what it stored.
        var gate = locks.For(connection.Id);
        await gate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                if (await SettleAsync(connection, await StoredAsync(connection, cancellationToken), cancellationToken) is { } settled)
                {
                    return settled.AccessToken;
                }

                if (await leases.TryTakeAsync(connection.Id, cancellationToken) is { } lease)
                {
                    try
                    {
                        // Read once more: the instance that held the lease before may have stored fresh tokens just now.
                        var stored = await StoredAsync(connection, cancellationToken);
                        return await SettleAsync(connection, stored, cancellationToken) is { } fresh
                            ? fresh.AccessToken
                            : await RefreshAsync(connection, stored.Tokens.RefreshToken);
                    }
                    finally
                    {
                        await leases.ReleaseAsync(connection.Id, lease);
                    }
                }

                // Another instance is refreshing: it stores the new pair, or its lease runs out and this one takes over.
                await Task.Delay(LeasePollInterval, cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    // Another request or instance may have refreshed since this request loaded the connection.
    private Task<Connection> StoredAsync(Connection connection, CancellationToken cancellationToken) =>
        db.Connections.AsNoTracking().SingleAsync(c => c.Id == connection.Id, cancellationToken);

    /// <summary>
    /// What the stored tokens allow without a refresh: a good access token, or none (reconnect needed); null when a
    /// refresh is needed. The request's own copy of the connection keeps its tokens as loaded, so that its later saves
    /// do not write the same tokens back (on SQLite, a write per page view that the other instances would wait for).
    /// </summary>
    private async Task<Settled?> SettleAsync(Connection connection, Connection stored, CancellationToken cancellationToken)
    {
        if (stored.ReconnectNeeded)
        {
            return new Settled(null);
        }

        var now = time.GetUtcNow();
        if (!stored.Tokens.NeedsRefresh(now))
        {
            return new Settled(stored.Tokens.AccessToken);
        }

        if (stored.Tokens.IsRefreshTokenExpired(now))
        {
            await MarkReconnectNeededAsync(connection, cancellationToken);
            return new Settled(null);
        }

        return null;
    }

    /// <summary>
    /// Asks Smartcar for a new pair, under this instance's lease. Not cancelled with the request: Smartcar rotates the
    /// refresh token when it answers, so the answer is stored even when the page that asked is gone.
    /// </summary>
    private async Task<string?> RefreshAsync(Connection connection, string refreshToken)
    {
        TokenResponse refreshed;
        using var timeout = new CancellationTokenSource(RefreshLeases.CallTimeout);
        try
        {
            refreshed = await auth.RefreshAsync(refreshToken, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Given up before the lease runs out, so no other instance refreshes while this one still might.
            refreshes.Unreachable();
            throw new SmartcarApiException(0, "SDK_ERROR", "UNREACHABLE", "Smartcar could not be reached. Please try again in a few minutes.");
        }
        catch (SmartcarAuthException)
        {
            refreshes.Refused();
            await MarkReconnectNeededAsync(connection, CancellationToken.None);
            return null;
        }
        catch (SmartcarApiException)
        {
            refreshes.Unreachable();
            throw;
        }

        // Both tokens in one row, one save: the new pair is stored together or not at all.
        connection.ReplaceTokens(TokenSet.Issued(refreshed.AccessToken, refreshed.RefreshToken, refreshed.ExpiresInSeconds, time.GetUtcNow()));
        await SaveRotatedPairAsync();
        refreshes.Renewed();
        return connection.Tokens.AccessToken;
    }

    /// <summary>
    /// Smartcar has rotated the refresh token: this save is the only copy of the new pair, so a passing failure (SQLite
    /// busy with another instance's write) is tried again a few times before it is given up.
    /// </summary>
    private async Task SaveRotatedPairAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException && attempt < 5)
            {
                logger.LogWarning("Storing the renewed tokens failed (attempt {Attempt}); trying again.", attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
        }
    }

    // The stored tokens cannot be decrypted (the key ring was lost or replaced): only a new Connect helps.
    private async Task MarkUnreadableAsync(Connection connection, CancellationToken cancellationToken)
    {
        if (connection.ReconnectNeeded)
        {
            return;
        }

        logger.LogWarning(
            "The stored tokens of connection {ConnectionId} cannot be decrypted with this app's Data Protection key ring; its owner is asked to connect again.",
            connection.Id);
        await MarkReconnectNeededAsync(connection, cancellationToken);
    }

    /// <summary>Smartcar no longer honours the connection's tokens: remember it, so the user is asked to reconnect.</summary>
    public async Task MarkReconnectNeededAsync(Connection connection, CancellationToken cancellationToken)
    {
        connection.MarkReconnectNeeded();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A refresh is not needed: the access token to use, or null when the owner must connect again.</summary>
    private sealed record Settled(string? AccessToken);
}
