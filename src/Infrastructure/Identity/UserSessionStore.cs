using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartcarClean.Infrastructure.Persistence;

namespace SmartcarClean.Infrastructure.Identity;

/// <summary>
/// The server-side record of each sign-in (<see cref="UserSession"/>): started at sign-in, checked on every request,
/// ended at sign-out. Sessions run on the wall clock (<see cref="ClockKey"/>), never on the emulator's clock, which
/// tests and demos move forward by hours or days.
/// </summary>
public sealed class UserSessionStore(
    AppDbContext db,
    IOptions<SessionLifetimeOptions> options,
    [FromKeyedServices(UserSessionStore.ClockKey)] TimeProvider clock)
{
    /// <summary>The service key of the sessions' <see cref="TimeProvider"/>.</summary>
    public const string ClockKey = "sessions";

    /// <summary>How many sessions one user keeps (browsers, devices); the oldest ends when another starts.</summary>
    public const int MaxPerUser = 10;

    /// <summary>
    /// Starts a new session and returns its id; sessions past their lifetime (anyone's), and this user's oldest beyond
    /// <see cref="MaxPerUser"/>, are deleted on the way, so repeated sign-ins cannot fill the table.
    /// </summary>
    public async Task<string> StartAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await db.UserSessions.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        var oldest = await db.UserSessions.Where(s => s.UserId == userId)
            .OrderByDescending(s => s.SignedInAt).Skip(MaxPerUser - 1).Select(s => s.Id).ToListAsync(cancellationToken);
        await db.UserSessions.Where(s => oldest.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);

        var session = new UserSession
        {
            Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            UserId = userId,
            SignedInAt = now,
            ExpiresAt = now + options.Value.AbsoluteSessionLifetime,
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>Whether the user's session still exists and is within its absolute lifetime: one lookup by primary key.</summary>
    public Task<bool> IsActiveAsync(string userId, string sessionId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return db.UserSessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.ExpiresAt > now, cancellationToken);
    }

    public Task EndAsync(string userId, string sessionId, CancellationToken cancellationToken = default) =>
        db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Ends every session of the user except the one given.</summary>
    public Task EndOthersAsync(string userId, string keptSessionId, CancellationToken cancellationToken = default) =>
        db.UserSessions.Where(s => s.UserId == userId && s.Id != keptSessionId).ExecuteDeleteAsync(cancellationToken);

    public Task EndAllAsync(string userId, CancellationToken cancellationToken = default) =>
        db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
}
