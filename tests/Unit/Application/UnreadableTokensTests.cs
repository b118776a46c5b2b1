using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Vehicles.DisconnectVehicles;
using SmartcarClean.Application.Vehicles.GetVehicleAttributes;
using SmartcarClean.Application.Vehicles.GetVehicleDetails;
using SmartcarClean.Application.Vehicles.SetVehicleLock;
using SmartcarClean.Domain.Vehicles;
using SmartcarClean.Web.Wording;

namespace SmartcarClean.Unit.Application;

/// <summary>
/// A connection whose stored tokens cannot be decrypted (the key ring was lost): that connection alone asks to
/// connect again, nothing unreadable is ever sent to Smartcar, and disconnecting it forgets it here.
/// </summary>
public abstract class UnreadableTokensTests(DatabaseProvider engine) : IDisposable
{
    private readonly HandlerTestHost _host = new(engine);

    [Fact]
    public async Task The_list_asks_to_connect_that_connection_again_and_still_shows_the_others()
    {
        await _host.ConnectAsync();
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        var unreadable = await _host.AddConnectionWithUnreadableTokensAsync("v-9");

        var overview = await _host.SendAsync(new GetVehicleAttributes());

        overview.Connections.Select(c => (c.ReconnectNeeded, c.Vehicles.Count)).ShouldBe([(false, 1), (true, 0)]);
        overview.Connections[1].ConnectionId.ShouldBe(unreadable);
        NothingUnreadableWasSent();
    }

    [Fact]
    public async Task The_vehicle_page_and_lock_ask_to_connect_again()
    {
        await _host.AddConnectionWithUnreadableTokensAsync("v-1");

        var details = await _host.SendAsync(new GetVehicleDetails("v-1"));
        var locked = await _host.SendAsync(new SetVehicleLock("v-1", true));

        details.ShouldBeOfType<VehicleDetailsOutcome.ReconnectNeeded>();
        locked.ShouldBe(new SetVehicleLockOutcome.ReconnectNeeded());
        NothingUnreadableWasSent();
    }

    [Fact]
    public async Task Disconnecting_the_car_forgets_it_here_and_says_smartcar_was_not_told()
    {
        await _host.AddConnectionWithUnreadableTokensAsync("v-1");

        var outcome = await _host.SendAsync(new DisconnectVehicles("v-1"));

        outcome.ShouldBe(new DisconnectVehiclesOutcome.Disconnected(Cars: 1, ForgottenHereOnly: 1));
        CommandMessages.For(outcome).ShouldBe(
            "Your car was removed from this app only: the app could no longer read its stored access to it, "
            + "so Smartcar was not asked to end that access.");
        (await _host.QueryDbAsync(db => db.Connections.CountAsync())).ShouldBe(0);
        _host.Smartcar.Disconnects.ShouldBeEmpty();
    }

    [Fact]
    public async Task Disconnect_all_revokes_the_readable_connections_and_forgets_the_unreadable_one()
    {
        await _host.ConnectAsync();
        await _host.AddConnectionWithUnreadableTokensAsync("v-9");

        var outcome = await _host.SendAsync(new DisconnectVehicles(null));

        CommandMessages.For(outcome).ShouldBe(
            "2 cars were disconnected. 1 of them was removed from this app only: the app could no longer read its stored "
            + "access to it, so Smartcar was not asked to end that access.");
        _host.Smartcar.Disconnects.ShouldBe(["v-1 access-1"]);
        (await _host.QueryDbAsync(db => db.Connections.CountAsync())).ShouldBe(0);
    }

    private void NothingUnreadableWasSent()
    {
        _host.Smartcar.ApiCalls.ShouldNotContain(call => call.Contains(TokenSet.Unreadable, StringComparison.Ordinal));
        _host.Smartcar.Commands.ShouldBeEmpty();
        _host.Smartcar.Refreshes.ShouldBeEmpty();
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class UnreadableTokensOnSqlite() : UnreadableTokensTests(DatabaseProvider.Sqlite);

public sealed class UnreadableTokensOnPostgreSql() : UnreadableTokensTests(DatabaseProvider.PostgreSql);
