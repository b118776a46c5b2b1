using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Ports;
using SmartcarClean.Infrastructure.KeyRing;

namespace SmartcarClean.Infrastructure.Persistence;

/// <summary>The database the app keeps its data in, by configuration: SQLite (the default) or PostgreSQL (ADR-012).</summary>
public static class AppDatabase
{
    /// <summary>
    /// <c>Database:Provider</c> and <c>ConnectionStrings:Default</c>, or one line saying why the app cannot run with them
    /// (an <see cref="OptionsValidationException"/>, as every settings error at start-up). Read while the services are
    /// registered, because the provider decides which context (and which migrations) the app uses.
    /// </summary>
    public static DatabaseOptions ReadDatabaseOptions(this IConfiguration configuration, string dataDirectory)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        database.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            database.ConnectionString ??= $"Data Source={Path.Combine(dataDirectory, "smartcarclean.db")}";
        }

        var problem = database.Problem ?? ConnectionStringProblem(database);
        return problem is null
            ? database
            : throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions), [problem]);
    }

    /// <summary>The app's DbContext on the engine <paramref name="database"/> names, as the app and the tests use it.</summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, DatabaseOptions database)
    {
        var connectionString = database.ConnectionString;
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            // The service stays AppDbContext (Identity's store and every handler ask for it); the context type decides
            // which migrations apply.
            services.AddDbContext<AppDbContext, PostgreSqlAppDbContext>(options => options.UseNpgsql(connectionString));
        }
        else
        {
            OwnerOnlyFiles.PrepareSqliteFile(connectionString!);
            SqliteWriteAheadLog.Enable(connectionString!);
            services.AddDbContext<AppDbContext>(options => options.UseSqlite(connectionString));
        }

        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        services.AddSingleton(Options.Create(database));
        return services;
    }

    // Npgsql reads the connection string only when it first connects, which would be a stack trace at start-up.
    // Its message names the keyword at fault, never a value (the password stays out of the line).
    private static string? ConnectionStringProblem(DatabaseOptions database)
    {
        if (database.Provider != DatabaseProvider.PostgreSql)
        {
            return null;
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return $"ConnectionStrings:Default is not a PostgreSQL connection string: {e.Message}";
        }
    }
}
