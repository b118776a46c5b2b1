using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SmartcarClean.Infrastructure.KeyRing;

/// <summary>
/// Before a save opens its transaction, makes sure the key ring has a current key. The key ring is in the same database
/// (ADR-013): a key made while a save encrypts a token would be stored from inside that save's transaction, and on
/// SQLite wait for it (a deadlock until the busy timeout). With a current key this costs a cached lookup.
/// </summary>
internal sealed class KeyRingBeforeSave(IDataProtectionProvider dataProtection) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        EnsureCurrentKey(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        EnsureCurrentKey(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // Not for the save that stores a key itself: that is the key ring making its key.
    private void EnsureCurrentKey(DbContext? context)
    {
        if (context is not null && !context.ChangeTracker.Entries<DataProtectionKey>().Any())
        {
            dataProtection.EnsureCurrentKey();
        }
    }
}
