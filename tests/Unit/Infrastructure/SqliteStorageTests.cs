using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Domain.Connect;
using SmartcarClean.Domain.Vehicles;
using SmartcarClean.Infrastructure;
using SmartcarClean.Infrastructure.Persistence;

namespace SmartcarClean.Unit.Infrastructure;

/// <summary>The app's data in a real SQLite file: tokens unreadable in the file, states redeemed once.</summary>
public sealed class SqliteStorageTests : IDisposable
{
    private const string AccessToken = "8f5e0c4a-access-token-value";
    private const string RefreshToken = "1d2c3b4a-refresh-token-value";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-").FullName;

    [Fact]
    public async Task Tokens_are_encrypted_in_the_database_file_and_readable_after_a_restart()
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
    public async Task A_refreshed_token_pair_replaces_the_old_one_in_the_file()
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

    private static async Task AddConnectionAsync(ServiceProvider app, string ownerId, TokenSet tokens)
    {
        await using var scope = app.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Connections.Add(Connection.Create(ownerId, tokens, ["v-1"], tokens.AccessTokenExpiresAt.AddHours(-2)));
        await db.SaveChangesAsync();
    }

    private ServiceProvider StartApp()
    {
        var configuration = new ConfigurationBuilder().Build();
        return new ServiceCollection().AddLogging().AddInfrastructure(configuration, _dataDirectory).BuildServiceProvider();
    }

    private async Task<string> ReadAllColumnsAsync()
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dataDirectory, "smartcarclean.db"), Pooling = false };
        await using var sqlite = new SqliteConnection(builder.ConnectionString);
        await sqlite.OpenAsync();
        await using var command = sqlite.CreateCommand();
        command.CommandText = "SELECT * FROM Connections";
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
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
