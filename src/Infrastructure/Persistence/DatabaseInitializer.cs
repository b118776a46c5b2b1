using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Infrastructure.KeyRing;

namespace SmartcarClean.Infrastructure.Persistence;

public static class DatabaseInitializer
{
    /// <summary>Creates the database, or brings it up to the latest migration, so a fresh clone just runs.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        scope.ServiceProvider.EnsureCurrentKey();
    }
}
