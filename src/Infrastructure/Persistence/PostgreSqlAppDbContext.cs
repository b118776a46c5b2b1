using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SmartcarClean.Infrastructure.Persistence;

/// <summary>
/// <see cref="AppDbContext"/>'s model on PostgreSQL, with its own migrations (<c>PostgreSqlMigrations/</c>): EF's
/// documented way to keep one set of migrations per provider (ADR-012). Only what PostgreSQL stores differently is here.
/// </summary>
public sealed class PostgreSqlAppDbContext(DbContextOptions<PostgreSqlAppDbContext> options, IDataProtectionProvider dataProtection)
    : AppDbContext(options, dataProtection)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // SQLite never enforces a column's length; PostgreSQL's varchar(n) would refuse a longer value (an e-mail
        // address, a make or an error message from Smartcar) that SQLite stores. text keeps the two engines alike.
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(entity => entity.GetProperties())
                     .Where(property => property.ClrType == typeof(string)))
        {
            property.SetMaxLength(null);
        }
    }

    // Instead of SQLite's ticks: timestamptz, in UTC (it reads back as UTC).
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<StoredTimes.UtcOnPostgreSql>();
}

/// <summary>
/// For <c>dotnet ef ... --context AppDbContext|PostgreSqlAppDbContext</c> (ADR-012): each context without the app's host or
/// a server (scaffolding a migration compares models; it connects to nothing). One class makes both: the tool takes
/// the first factory it finds that can make the asked type, and a factory of the derived PostgreSQL context also counts
/// as one of AppDbContext, so two classes let it write a PostgreSQL migration into SQLite's folder.
/// </summary>
internal sealed class DesignTimeContexts
    : IDesignTimeDbContextFactory<AppDbContext>, IDesignTimeDbContextFactory<PostgreSqlAppDbContext>
{
    AppDbContext IDesignTimeDbContextFactory<AppDbContext>.CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options,
            new EphemeralDataProtectionProvider());

    PostgreSqlAppDbContext IDesignTimeDbContextFactory<PostgreSqlAppDbContext>.CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql("Host=localhost").Options,
            new EphemeralDataProtectionProvider());
}
