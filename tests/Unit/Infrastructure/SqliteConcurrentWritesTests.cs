using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Domain.Vehicles;
using SmartcarClean.Infrastructure;
using SmartcarClean.Infrastructure.Persistence;

namespace SmartcarClean.Unit.Infrastructure;

/// <summary>
/// Many requests writing one SQLite file at once, through the real DbContext, as a page loaded 200 times at once does:
/// each writer waits for the one before it and none fails with "database is locked".
/// </summary>
public sealed class SqliteConcurrentWritesTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-writes-").FullName;

    [Fact]
    public async Task Concurrent_saves_of_one_row_while_others_read_it_all_succeed()
    {
        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        await using var app = StartApp();
        await app.MigrateDatabaseAsync();
        await using (var setup = app.CreateAsyncScope())
        {
            var db = setup.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Connections.Add(Connection.Create("user-a", TokenSet.Issued("access-0", "refresh-0", 7200, now), ["v-1"], now));
            await db.SaveChangesAsync();
        }

        // Each request reads the row, then saves a new token pair (an UPDATE ... RETURNING, as every EF save on SQLite).
        var requests = Enumerable.Range(1, 100).Select(i => Task.Run(async () =>
        {
            await using var scope = app.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var connection = await db.Connections.SingleAsync();
            connection.ReplaceTokens(TokenSet.Issued($"access-{i}", $"refresh-{i}", 7200, now));
            await db.SaveChangesAsync();
        }));
        var results = await Task.WhenAll(requests.Select(async request =>
        {
            try
            {
                await request;
                return null;
            }
            catch (DbUpdateException e)
            {
                return e.InnerException?.Message ?? e.Message;
            }
        }));

        results.Where(r => r is not null).ShouldBeEmpty();
    }

    private ServiceProvider StartApp() =>
        new ServiceCollection().AddLogging().AddInfrastructure(new ConfigurationBuilder().Build(), _dataDirectory).BuildServiceProvider();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
