using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Ports;

namespace SmartcarClean.Application.Tokens;

/// <summary>
/// Which app instance is refreshing a connection's tokens, kept on the connection's row (ADR-013): the one that takes
/// the lease asks Smartcar; every other instance waits for the tokens it stores, or takes over once the lease has run
/// out (its holder stopped). Taking it is one conditional UPDATE, atomic on SQLite and PostgreSQL alike.
/// </summary>
internal sealed class RefreshLeases(IApplicationDbContext db, TimeProvider time)
{
    private const string HolderColumn = RefreshLeaseColumns.Holder;
    private const string UntilColumn = RefreshLeaseColumns.Until;

    /// <summary>
    /// How long a lease lasts: longer than a refresh takes (<see cref="CallTimeout"/>), and far shorter than the minute a
    /// used refresh token still works at Smartcar, so an instance that takes over can still use the stored one.
    /// </summary>
    public static readonly TimeSpan LeaseFor = TimeSpan.FromSeconds(15);

    /// <summary>A refresh under a lease gives up before the lease runs out, so two holders never overlap.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Takes the connection's lease unless another instance holds one that has not run out: its holder id, or null.</summary>
    public async Task<Guid?> TryTakeAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var holder = Guid.NewGuid();
        var taken = await db.Connections
            .Where(c => c.Id == connectionId
                && (EF.Property<DateTimeOffset?>(c, UntilColumn) == null || EF.Property<DateTimeOffset?>(c, UntilColumn) <= now))
            .ExecuteUpdateAsync(
                lease => lease.SetProperty(c => EF.Property<Guid?>(c, HolderColumn), holder)
                    .SetProperty(c => EF.Property<DateTimeOffset?>(c, UntilColumn), now + LeaseFor),
                cancellationToken);
        return taken == 1 ? holder : null;
    }

    /// <summary>Gives the lease back, if it is still this holder's (another may have taken over after it ran out).</summary>
    public Task ReleaseAsync(Guid connectionId, Guid holder) =>
        db.Connections
            .Where(c => c.Id == connectionId && EF.Property<Guid?>(c, HolderColumn) == holder)
            .ExecuteUpdateAsync(
                lease => lease.SetProperty(c => EF.Property<Guid?>(c, HolderColumn), (Guid?)null)
                    .SetProperty(c => EF.Property<DateTimeOffset?>(c, UntilColumn), (DateTimeOffset?)null),
                CancellationToken.None);
}
