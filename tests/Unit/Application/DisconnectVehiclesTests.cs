using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Application.Vehicles.DisconnectVehicles;
using SmartcarClean.Web.Wording;

namespace SmartcarClean.Unit.Application;

public abstract class DisconnectVehiclesTests(DatabaseProvider engine) : IDisposable
{
    private readonly HandlerTestHost _host = new(engine);

    [Fact]
    public async Task Disconnecting_one_car_revokes_it_at_smartcar_and_keeps_the_others()
    {
        _host.Smartcar.Vehicles["v-2"] = new VehicleAttributes("v-2", "TESLA", "Model Y", 2022);
        await _host.ConnectAsync();

        var outcome = await _host.SendAsync(new DisconnectVehicles("v-1"));

        outcome.ShouldBe(new DisconnectVehiclesOutcome.Disconnected(Cars: 1, ForgottenHereOnly: 0));
        CommandMessages.For(outcome).ShouldBe("Your car was disconnected.");
        _host.Smartcar.Disconnects.ShouldBe(["v-1 access-1"]);
        var connection = await _host.QueryDbAsync(db => db.Connections.SingleAsync());
        connection.Vehicles.Select(v => v.SmartcarVehicleId).ShouldBe(["v-2"]);
    }

    [Fact]
    public async Task When_Smartcar_refuses_for_now_nothing_is_forgotten_and_the_outcome_says_why()
    {
        _host.Smartcar.Vehicles["v-2"] = new VehicleAttributes("v-2", "TESLA", "Model Y", 2022);
        await _host.ConnectAsync();
        _host.Smartcar.CommandFailure = new SmartcarApiException(429, "RATE_LIMIT", "VEHICLE", null);

        var outcome = await _host.SendAsync(new DisconnectVehicles(null));

        outcome.ShouldBeOfType<DisconnectVehiclesOutcome.Stopped>().CarsDisconnected.ShouldBe(0);
        CommandMessages.For(outcome)
            .ShouldBe("Nothing was disconnected. Smartcar is limiting requests right now. Please try again in a few minutes.");
        var connection = await _host.QueryDbAsync(db => db.Connections.SingleAsync());
        connection.Vehicles.Select(v => v.SmartcarVehicleId).Order().ShouldBe(["v-1", "v-2"]);
    }

    [Fact]
    public async Task Disconnecting_the_last_car_forgets_the_connection_and_its_tokens()
    {
        await _host.ConnectAsync();

        await _host.SendAsync(new DisconnectVehicles("v-1"));

        (await _host.QueryDbAsync(db => db.Connections.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Disconnect_all_removes_every_car_of_the_user_only()
    {
        await _host.ConnectAsync();
        var firstUser = _host.User.Id;
        _host.User.Id = "browser-b";
        await _host.ConnectAsync();

        var outcome = await _host.SendAsync(new DisconnectVehicles(null));

        outcome.ShouldBeOfType<DisconnectVehiclesOutcome.Disconnected>();
        (await _host.QueryDbAsync(db => db.Connections.Select(c => c.OwnerId).ToListAsync())).ShouldBe([firstUser]);
    }

    [Fact]
    public async Task A_car_smartcar_already_let_go_is_still_forgotten_here()
    {
        await _host.ConnectAsync();
        _host.Smartcar.CommandFailure = new SmartcarApiException(401, "AUTHENTICATION", null, "revoked");

        (await _host.SendAsync(new DisconnectVehicles("v-1"))).ShouldBeOfType<DisconnectVehiclesOutcome.Disconnected>();

        (await _host.QueryDbAsync(db => db.Connections.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Another_users_car_is_not_found_and_nothing_is_revoked()
    {
        await _host.ConnectAsync();
        _host.User.Id = "browser-b";

        (await _host.SendAsync(new DisconnectVehicles("v-1"))).ShouldBeOfType<DisconnectVehiclesOutcome.NotFound>();

        _host.Smartcar.Disconnects.ShouldBeEmpty();
        (await _host.QueryDbAsync(db => db.Connections.CountAsync())).ShouldBe(1);
    }


    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class DisconnectVehiclesOnSqlite() : DisconnectVehiclesTests(DatabaseProvider.Sqlite);

public sealed class DisconnectVehiclesOnPostgreSql() : DisconnectVehiclesTests(DatabaseProvider.PostgreSql);
