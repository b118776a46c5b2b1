using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Domain.Vehicles;
using SmartcarClean.Infrastructure.Persistence;

namespace SmartcarClean.Unit.Web;

/// <summary>
/// The real app on a real SQLite file holding a connection whose tokens were encrypted under another key ring (a lost
/// or replaced one): every page answers with a way out, never a 500.
/// </summary>
public sealed class LostKeyRingTests(LostKeyRingTests.App app) : IClassFixture<LostKeyRingTests.App>
{
    [Fact]
    public async Task The_list_asks_to_connect_again_and_disconnect_all_forgets_the_car_here()
    {
        using var session = await SignedInWithAConnectionUnderAnotherKeyRingAsync("v-lost-1");

        using var list = await session.GetAsync("/vehicles");
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await list.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"reconnect\"");

        using var disconnected = await session.SubmitAsync("/vehicles/disconnect-all", new Dictionary<string, string>());
        disconnected.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var after = await session.GetAsync("/vehicles");
        var html = await after.Content.ReadAsStringAsync();
        html.ShouldContain("removed from this app only");
        html.ShouldContain("You have not connected a car yet.");
    }

    [Fact]
    public async Task The_vehicle_page_asks_to_connect_again_and_disconnecting_the_car_forgets_it_here()
    {
        using var session = await SignedInWithAConnectionUnderAnotherKeyRingAsync("v-lost-2");

        using var vehicle = await session.GetAsync("/vehicles/v-lost-2");
        vehicle.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await vehicle.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"reconnect\"");

        using var disconnected = await session.SubmitAsync("/vehicles/v-lost-2/disconnect", new Dictionary<string, string>());
        disconnected.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var after = await session.GetAsync("/vehicles");
        (await after.Content.ReadAsStringAsync()).ShouldContain("removed from this app only");
    }

    private async Task<WebSession> SignedInWithAConnectionUnderAnotherKeyRingAsync(string vehicleId)
    {
        var (session, userId) = await WebSession.SignedInWithIdAsync(app);
        string database;
        using (var scope = app.Services.CreateScope())
        {
            database = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetConnectionString()!;
        }

        // The same database file, written through a key ring the app does not have.
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite(database).Options;
        await using var otherKeys = new AppDbContext(options, new EphemeralDataProtectionProvider());
        var now = DateTimeOffset.UtcNow;
        otherKeys.Connections.Add(Connection.Create(userId, TokenSet.Issued("access", "refresh", 7200, now), [vehicleId], now));
        await otherKeys.SaveChangesAsync();
        return session;
    }

    public sealed class App : TestWebApp
    {
        protected override void Configure(IWebHostBuilder builder) => UseTestSmartcarSettings(builder);
    }
}
