using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartcarClean.Application.Options;
using SmartcarClean.Infrastructure.KeyRing;

namespace SmartcarClean.Infrastructure.Persistence;

/// <summary>
/// The database could not be opened or migrated at start-up: an outage, a wrong host, port, name or password, or a
/// migration the engine refused. The operator's to fix, so the app says it in one line (the drivers' messages name the
/// host, port or user, never the password).
/// </summary>
public sealed class DatabaseUnusableException(string message, Exception inner) : Exception(message, inner);

public static class DatabaseInitializer
{
    /// <summary>Creates the database, or brings it up to the latest migration, so a fresh clone just runs.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        catch (DbException e)
        {
            var database = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            throw new DatabaseUnusableException(
                $"the database ({database.Provider}, ConnectionStrings:{DatabaseOptions.ConnectionStringName}) cannot be reached or migrated: {e.Message}", e);
        }

        scope.ServiceProvider.EnsureCurrentKey();
    }
}
