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
    TokenRefreshMetrics refreshes,
    TimeProvider time,
    ILogger<AccessTokens> logger)
{
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

        var gate = locks.For(connection.Id);
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another request may have refreshed while this one waited: continue from what is stored now.
            var stored = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == connection.Id, cancellationToken);
            if (stored.ReconnectNeeded)
            {
                return null;
            }

            if (stored.Tokens != connection.Tokens)
            {
                connection.ReplaceTokens(stored.Tokens);
            }

            return await RefreshIfStillNeededAsync(connection, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<string?> RefreshIfStillNeededAsync(Connection connection, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!connection.Tokens.NeedsRefresh(now))
        {
            return connection.Tokens.AccessToken;
        }

        if (connection.Tokens.IsRefreshTokenExpired(now))
        {
            await MarkReconnectNeededAsync(connection, cancellationToken);
            return null;
        }

        TokenResponse refreshed;
        try
        {
            refreshed = await auth.RefreshAsync(connection.Tokens.RefreshToken, cancellationToken);
        }
        catch (SmartcarAuthException)
        {
            refreshes.Refused();
            await MarkReconnectNeededAsync(connection, cancellationToken);
            return null;
        }
        catch (SmartcarApiException)
        {
            refreshes.Unreachable();
            throw;
        }

        // Both tokens in one row, one save: the new pair is stored together or not at all.
        connection.ReplaceTokens(TokenSet.Issued(refreshed.AccessToken, refreshed.RefreshToken, refreshed.ExpiresInSeconds, now));
        await db.SaveChangesAsync(cancellationToken);
        refreshes.Renewed();
        return connection.Tokens.AccessToken;
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
}
