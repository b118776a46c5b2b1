using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Application.Options;
using SmartcarClean.Domain.Connect;
using SmartcarClean.Domain.Vehicles;
using SmartcarClean.Infrastructure;
using SmartcarClean.Infrastructure.Persistence;
using SmartcarClean.Unit.Databases;

namespace SmartcarClean.Unit.Infrastructure;

/// <summary>
/// The app's data in a real database, on each engine the app runs on (a SQLite file, a PostgreSQL database): tokens
/// unreadable in it, states redeemed once, times and values kept as they were given.
/// </summary>
public abstract class StorageTests : IDisposable
{
    private const string AccessToken = "8f5e0c4a-access-token-value";
    private const string RefreshToken = "1d2c3b4a-refresh-token-value";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-").FullName;
    private readonly TestDatabase _database;

    protected StorageTests(DatabaseProvider engine) => _database = TestDatabase.Create(engine, _dataDirectory, empty: true);

    [Fact]
    public async Task Tokens_are_encrypted_in_the_database_and_readable_after_a_restart()
    {
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        await using (var app = StartApp())
        {
            await app.MigrateDatabaseAsync();
            await using var scope = app.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Connections.Add(Connection.Create("browser-a", TokenSet.Issued(AccessToken, RefreshToken, 7200, now), ["v-1"], now));
            await db.SaveChangesAsync();
        }

        var fileContent = await ReadAllColumnsAsync();
        fileContent.ShouldNotContain(AccessToken);
        fileContent.ShouldNotContain(RefreshToken);
        fileContent.ShouldContain("browser-a", customMessage: "the test must read the table the connection was written to");

        await using (var restarted = StartApp())
        {
            await using var scope = restarted.CreateAsyncScope();
            var connection = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Connections.SingleAsync();
            connection.Tokens.AccessToken.ShouldBe(AccessToken);
            connection.Tokens.RefreshToken.ShouldBe(RefreshToken);
            connection.Tokens.AccessTokenExpiresAt.ShouldBe(now.AddHours(2));
        }
    }

    [Fact]
    public async Task Tokens_written_under_a_lost_key_ring_load_as_unreadable_and_the_other_connections_still_load()
    {
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        await using (var app = StartApp())
        {
            await app.MigrateDatabaseAsync();
            await AddConnectionAsync(app, "browser-a", TokenSet.Issued(AccessToken, RefreshToken, 7200, now));
        }

        // The key ring is lost (its rows deleted): the next start makes a new one.
        await using (var app = StartApp())
        await using (var lost = app.CreateAsyncScope())
        {
            await lost.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys.ExecuteDeleteAsync();
        }

        await using var restarted = StartApp();
        await restarted.MigrateDatabaseAsync();
        await AddConnectionAsync(restarted, "browser-b", TokenSet.Issued("new-access", "new-refresh", 7200, now));

        await using var scope = restarted.CreateAsyncScope();
        var connections = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Connections.OrderBy(c => c.OwnerId).ToListAsync();
        connections.Select(c => c.Tokens.AreUnreadable).ShouldBe([true, false]);
        connections[0].Tokens.AccessToken.ShouldBe(TokenSet.Unreadable);
        connections[0].Tokens.AccessTokenExpiresAt.ShouldBe(now.AddHours(2), "only the encrypted columns are unreadable");
        connections[1].Tokens.AccessToken.ShouldBe("new-access");
    }

    [Fact]
    public async Task A_refreshed_token_pair_replaces_the_old_one_in_the_database()
    {
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        await using var app = StartApp();
        await app.MigrateDatabaseAsync();
        await using (var scope = app.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Connections.Add(Connection.Create("browser-a", TokenSet.Issued(AccessToken, RefreshToken, 7200, now), ["v-1"], now));
            await db.SaveChangesAsync();
        }

        await using (var scope = app.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var connection = await db.Connections.SingleAsync();
            connection.ReplaceTokens(TokenSet.Issued("new-access", "new-refresh", 7200, now.AddHours(2)));
            await db.SaveChangesAsync();
        }

        await using (var scope = app.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Connections.SingleAsync();
            stored.Tokens.ShouldBe(TokenSet.Issued("new-access", "new-refresh", 7200, now.AddHours(2)));
        }

        (await ReadAllColumnsAsync()).ShouldNotContain("new-refresh");
    }

    [Fact]
    public async Task A_state_redeemed_by_two_racing_requests_is_saved_only_once()
    {
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        await using var app = StartApp();
        await app.MigrateDatabaseAsync();
        await using (var setup = app.CreateAsyncScope())
        {
            var db = setup.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ConnectAttempts.Add(ConnectAttempt.Start("user-a", "session-a", "http://localhost:8000/exchange", now));
            await db.SaveChangesAsync();
        }

        await using var first = app.CreateAsyncScope();
        await using var second = app.CreateAsyncScope();
        var firstDb = first.ServiceProvider.GetRequiredService<AppDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<AppDbContext>();
        var seenByFirst = await firstDb.ConnectAttempts.SingleAsync();
        var seenBySecond = await secondDb.ConnectAttempts.SingleAsync();

        seenByFirst.Redeem(now.AddMinutes(1)).ShouldBe(StateCheck.Accepted);
        seenBySecond.Redeem(now.AddMinutes(1)).ShouldBe(StateCheck.Accepted);
        await firstDb.SaveChangesAsync();

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => secondDb.SaveChangesAsync());
    }

    [Fact]
    public async Task A_time_with_an_offset_is_kept_as_the_same_instant_and_compared_as_one()
    {
        // Smartcar's times (a reading's sc-data-age, a signal's timestamp) may come with an offset; UTC 12:00 here.
        var connectedAt = new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.FromHours(1));
        await using var app = StartApp();
        await app.MigrateDatabaseAsync();
        await AddConnectionAsync(app, "browser-a", TokenSet.Issued(AccessToken, RefreshToken, 7200, connectedAt));

        await using var scope = app.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.Connections.SingleAsync();
        stored.Tokens.AccessTokenExpiresAt.ShouldBe(connectedAt.AddHours(2));
        stored.Tokens.AccessTokenExpiresAt.UtcDateTime.ShouldBe(new DateTime(2026, 11, 23, 14, 0, 0, DateTimeKind.Utc));
        var noonUtc = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        (await db.Connections.CountAsync(c => c.Tokens.AccessTokenExpiresAt > noonUtc.AddHours(2).AddSeconds(-1))).ShouldBe(1);
        (await db.Connections.CountAsync(c => c.Tokens.AccessTokenExpiresAt > noonUtc.AddHours(2).AddSeconds(1))).ShouldBe(0);
    }

    [Fact]
    public async Task Values_longer_than_the_model_says_are_kept_whole_as_sqlite_always_kept_them()
    {
        // A make from Smartcar, an e-mail address: nothing bounds their length before they are stored.
        var make = new string('M', 300);
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        await using var app = StartApp();
        await app.MigrateDatabaseAsync();
        await using (var scope = app.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var connection = Connection.Create(new string('o', 100), TokenSet.Issued(AccessToken, RefreshToken, 7200, now), ["v-1"], now);
            connection.Describe("v-1", new VehicleDescription(make, "Model 3", 2021, null, now));
            db.Connections.Add(connection);
            await db.SaveChangesAsync();
        }

        await using var after = app.CreateAsyncScope();
        (await after.ServiceProvider.GetRequiredService<AppDbContext>().Connections.SingleAsync()).Vehicles.Single().Description!.Make.ShouldBe(make);
    }

    private static async Task AddConnectionAsync(ServiceProvider app, string ownerId, TokenSet tokens)
    {
        await using var scope = app.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Connections.Add(Connection.Create(ownerId, tokens, ["v-1"], tokens.AccessTokenExpiresAt.AddHours(-2)));
        await db.SaveChangesAsync();
    }

    /// <summary>The Infrastructure layer as the app composes it, on this test's database.</summary>
    protected ServiceProvider StartApp()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_database.Engine == DatabaseProvider.Sqlite ? [] : _database.Settings).Build();
        return new ServiceCollection().AddLogging().AddInfrastructure(configuration, _dataDirectory).BuildServiceProvider();
    }

    // Every column of every stored connection, as the database holds them.
    private async Task<string> ReadAllColumnsAsync()
    {
        await using var app = StartApp();
        await using var scope = app.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database;
        await database.OpenConnectionAsync();
        await using var command = database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT * FROM \"Connections\"";
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                values.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
            }
        }

        return string.Join('|', values);
    }

    public void Dispose()
    {
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }
}

public sealed class StorageOnPostgreSql() : StorageTests(DatabaseProvider.PostgreSql);

/// <summary>On SQLite also: databases of earlier releases upgrade (PostgreSQL's migrations start from today's model).</summary>
public sealed class StorageOnSqlite() : StorageTests(DatabaseProvider.Sqlite)
{
    [Fact]
    public void A_time_an_earlier_release_stored_with_its_offset_reads_back_as_the_same_instant()
    {
        // Earlier releases stored EF's DateTimeOffsetToBinaryConverter layout with the time's own offset.
        var time = new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.FromHours(1));
        var storedByAnEarlierRelease = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(time)!;

        ((DateTimeOffset)new StoredTimes.UtcTicksOnSqlite().ConvertFromProvider(storedByAnEarlierRelease)!).ShouldBe(time);
    }

    [Fact]
    public async Task Upgrading_forgets_the_smartcar_user_links_made_before_the_user_was_proven()
    {
        var now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        await using var app = StartApp();
        await using (var scope = app.CreateAsyncScope())
        {
            // The database as the last release left it, with a link taken from a redirect's user_id on trust.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.GetService<IMigrator>().MigrateAsync("20261201151331_UserSessions");
            // Written as SQL: today's model has columns that release's schema has not.
            var link = SmartcarUserLink.Create("browser-a", "someone-elses-smartcar-user", now);
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO SmartcarUserLinks (Id, OwnerId, SmartcarUserId, LinkedAt) VALUES ({link.Id}, {link.OwnerId}, {link.SmartcarUserId}, {now.UtcTicks})");
        }

        await app.MigrateDatabaseAsync();

        await using var after = app.CreateAsyncScope();
        (await after.ServiceProvider.GetRequiredService<AppDbContext>().SmartcarUserLinks.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Upgrading_keeps_the_readings_stored_for_a_classic_car()
    {
        await using var app = StartApp();
        await using (var scope = app.CreateAsyncScope())
        {
            // The database as the release before the server-side vehicle page left it: one car with one stored reading.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.GetService<IMigrator>().MigrateAsync("20261201214426_VehicleReadings");
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO Connections (Id, OwnerId, AccessTokenEncrypted, RefreshTokenEncrypted, AccessTokenExpiresAt, RefreshTokenExpiresAt, ConnectedAt, ReconnectNeeded)
                    VALUES ('7d0f2f3e-0000-4000-8000-000000000001', 'owner', 'a', 'r', 0, 0, 0, 0);
                INSERT INTO ConnectedVehicle (Id, ConnectionId, SmartcarVehicleId) VALUES (5, '7d0f2f3e-0000-4000-8000-000000000001', 'car-1');
                INSERT INTO VehicleReadings (ConnectedVehicleId, AskedAt, AnsweredAt) VALUES (5, 1, 2);
                INSERT INTO StoredReading (Path, ValueEncrypted, RecordedAt, FetchedAt, VehicleReadingsId) VALUES ('/odometer', 'sealed', 3, 4, 5);
                """);
        }

        await app.MigrateDatabaseAsync();

        await using var after = app.CreateAsyncScope();
        var kept = await after.ServiceProvider.GetRequiredService<AppDbContext>().Database.SqlQueryRaw<string>(
            """
            SELECT s.Path || ' ' || s.ValueEncrypted || ' ' || s.RecordedAt || ' ' || v.AnsweredAt AS Value
            FROM StoredReading s JOIN VehicleReadings v ON v.Id = s.VehicleReadingsId WHERE v.ConnectedVehicleId = 5
            """).ToListAsync();
        kept.ShouldBe(["/odometer sealed 3 2"], "a car past its monthly allowance still has its readings to show");
    }
}
