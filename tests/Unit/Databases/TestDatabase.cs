using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SmartcarClean.Application.Options;
using SmartcarClean.Infrastructure.Persistence;

namespace SmartcarClean.Unit.Databases;

/// <summary>
/// A database of one test's own on a real engine: a SQLite file in the test's data folder, or a fresh database on the
/// PostgreSQL cluster named by <see cref="ClusterVariable"/> (./test.sh starts one), copied from a template this process
/// migrated once, and dropped afterwards. Without a cluster a PostgreSQL test fails and says how to get one.
/// </summary>
internal sealed class TestDatabase : IDisposable
{
    public const string ClusterVariable = "SMARTCARCLEAN_TEST_POSTGRES";

    private static readonly Lazy<string> MigratedTemplate = new(CreateMigratedTemplate);

    private readonly string? _postgreSqlName;

    private TestDatabase(DatabaseOptions options, string? postgreSqlName)
    {
        Options = options;
        _postgreSqlName = postgreSqlName;
    }

    public DatabaseOptions Options { get; }

    public DatabaseProvider Engine => Options.Provider;

    /// <summary>The app's settings for this database, as a deployment gives them.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Engine.ToString(),
        [$"ConnectionStrings:{DatabaseOptions.ConnectionStringName}"] = Options.ConnectionString,
    };

    /// <summary>
    /// SQLite: the file <c>smartcarclean.db</c> in <paramref name="dataDirectory"/> (not created yet: the app creates and
    /// migrates it). PostgreSQL: a new database with every migration applied, or with nothing in it when
    /// <paramref name="empty"/> (the app's start-up migrates it).
    /// </summary>
    public static TestDatabase Create(DatabaseProvider engine, string dataDirectory, bool empty = false)
    {
        if (engine == DatabaseProvider.Sqlite)
        {
            return new TestDatabase(
                new DatabaseOptions { Provider = engine, ConnectionString = $"Data Source={Path.Combine(dataDirectory, "smartcarclean.db")}" },
                postgreSqlName: null);
        }

        var name = $"smartcarclean_test_{Guid.NewGuid():N}";
        // A copy of a migrated template is much faster than migrating each database.
        Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{(empty ? "template0" : MigratedTemplate.Value)}\"");
        return new TestDatabase(new DatabaseOptions { Provider = engine, ConnectionString = ConnectionTo(name) }, name);
    }

    /// <summary>The database goes away under a running app: its file is deleted, or it is dropped.</summary>
    public void MakeUnreachable()
    {
        if (_postgreSqlName is null)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(new SqliteConnectionStringBuilder(Options.ConnectionString).DataSource);
        }
        else
        {
            Drop();
        }
    }

    public void Dispose()
    {
        if (_postgreSqlName is null)
        {
            SqliteConnection.ClearAllPools();
        }
        else
        {
            Drop();
        }
    }

    private void Drop()
    {
        using (var connection = new NpgsqlConnection(Options.ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        Execute($"DROP DATABASE IF EXISTS \"{_postgreSqlName}\" WITH (FORCE)");
    }

    private static string CreateMigratedTemplate()
    {
        var name = $"smartcarclean_template_{Environment.ProcessId}_{Guid.NewGuid():N}";
        Execute($"CREATE DATABASE \"{name}\" TEMPLATE template0");
        var connectionString = ConnectionTo(name);
        var options = new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql(connectionString).Options;
        using (var db = new PostgreSqlAppDbContext(options, new EphemeralDataProtectionProvider()))
        {
            db.Database.Migrate();
        }

        // A template can be copied only while no one is connected to it.
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        return name;
    }

    private static string Cluster =>
        Environment.GetEnvironmentVariable(ClusterVariable) is { Length: > 0 } cluster
            ? cluster
            : throw new InvalidOperationException(
                $"This test runs on PostgreSQL and {ClusterVariable} names no cluster. Run ./test.sh, or start a throw-away "
                + "cluster around the tests: scripts/test-postgres.sh dotnet test tests/Unit");

    private static string ConnectionTo(string database) =>
        new NpgsqlConnectionStringBuilder(Cluster) { Database = database }.ConnectionString;

    private static void Execute(string sql)
    {
        // Unpooled: a pooled connection to the cluster's own database would outlive the test for nothing.
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Cluster) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
