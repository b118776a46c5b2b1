using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Attributes;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Vehicles.GetVehicleAttributes;
using SmartcarClean.Application.Vehicles.RefreshVehicleAttributes;
using SmartcarClean.Emulator.Steering;
using SmartcarClean.Emulator.Steering.Faults;
using SmartcarClean.Emulator.Testing;
using SmartcarClean.Web.Wording;

namespace SmartcarClean.Unit.Application;

/// <summary>
/// Issue 13, "the list costs nothing": make, model and year (and powertrain, where Smartcar gives it) are read once when
/// a car is connected, stored, and listed from the store; only connecting again or "Refresh" reads them again. Against
/// the real emulator, counting the requests it received.
/// </summary>
public abstract class StoredVehicleListTests(DatabaseProvider engine)
{
    [Theory]
    [InlineData(ConnectFlow.Classic, 1)]
    [InlineData(ConnectFlow.Classic, 50)]
    [InlineData(ConnectFlow.ServerSide, 1)]
    [InlineData(ConnectFlow.ServerSide, 50)]
    public async Task Listing_the_cars_makes_no_call_to_Smartcar_however_many_there_are(ConnectFlow flow, int cars)
    {
        using var host = new EmulatorHandlerHost(flow, engine: engine);
        (await host.ConnectAsync($"{cars}-vehicles@smartcar.com")).Succeeded.ShouldBeTrue();
        host.StartCounting();

        var first = await host.SendAsync(new GetVehicleAttributes());
        var second = await host.SendAsync(new GetVehicleAttributes());

        host.SmartcarCalls.ShouldBeEmpty();
        foreach (var overview in new[] { first, second })
        {
            var connection = overview.Connections.ShouldHaveSingleItem();
            connection.Vehicles.Count.ShouldBe(cars);
            connection.Vehicles.ShouldAllBe(v => v.Description != null && v.Description.Make.Length > 0 && v.Description.Year > 2000);
            connection.NotReadYet.ShouldBe(0);
        }
    }

    [Fact]
    public async Task A_classic_connect_reads_each_cars_attributes_once_and_stores_them()
    {
        using var host = new EmulatorHandlerHost(engine: engine);
        host.StartCounting();

        await host.ConnectAsync("3-vehicles@smartcar.com");

        var vehicles = await host.QueryDbAsync(db => db.Connections.SelectMany(c => c.Vehicles).ToListAsync());
        vehicles.Count.ShouldBe(3);
        vehicles.ShouldAllBe(v => v.Description != null && v.Description.Powertrain == null);
        vehicles.ShouldAllBe(v => v.Description!.ReadAt == host.Smartcar.Clock.GetUtcNow());
        host.SmartcarCalls.Count(r => r.Method == "GET" && r.Path.StartsWith("/v2.0/vehicles/", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Fact]
    public async Task A_server_side_connect_stores_the_cars_from_one_list_of_connections_with_their_powertrain()
    {
        using var host = new EmulatorHandlerHost(ConnectFlow.ServerSide, engine: engine);
        host.StartCounting();

        await host.ConnectAsync("3-vehicles@smartcar.com");

        var link = await host.QueryDbAsync(db => db.SmartcarUserLinks.SingleAsync());
        link.Vehicles.Count.ShouldBe(3);
        link.Vehicles.ShouldAllBe(v => v.Description != null && (v.Description.Powertrain == "BEV" || v.Description.Powertrain == "PHEV"));
        // GET /v3/connections describes each car: no call per car.
        host.SmartcarCalls.Count(r => r.Path.StartsWith("/v3/connections", StringComparison.Ordinal)).ShouldBe(1);
        host.SmartcarCalls.ShouldNotContain(r => r.Path.StartsWith("/v3/vehicles", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connecting_again_replaces_the_stored_cars_a_new_one_appears_and_one_gone_disappears()
    {
        using var host = new EmulatorHandlerHost(ConnectFlow.ServerSide, engine: engine);
        var owner = host.Emulator.SeedUser("two-cars@example.com", new SeededVehicle("TESLA", "Model 3", 2021), new SeededVehicle("CHEVROLET", "Volt", 2018));
        var (tesla, volt) = (owner.Vehicles[0], owner.Vehicles[1]);
        await host.ConnectAsync(owner.Email, onlyVin: tesla.Vin);
        (await StoredLinkVehicleIdsAsync(host)).ShouldBe([tesla.Id]);

        await host.ConnectAsync(owner.Email);
        (await StoredLinkVehicleIdsAsync(host)).ShouldBe([tesla.Id, volt.Id], ignoreOrder: true);

        // The owner disconnects both at Smartcar, then connects the Volt alone.
        host.Emulator.World.Disconnect(EmulatorDriver.ClientId, owner.Id, tesla.Id);
        host.Emulator.World.Disconnect(EmulatorDriver.ClientId, owner.Id, volt.Id);
        await host.ConnectAsync(owner.Email, onlyVin: volt.Vin);

        (await StoredLinkVehicleIdsAsync(host)).ShouldBe([volt.Id]);
        (await host.QueryDbAsync(db => db.SmartcarUserLinks.CountAsync())).ShouldBe(1);
        var stored = (await host.SendAsync(new GetVehicleAttributes())).Connections.Single().Vehicles.Single().Description!;
        (stored.Make, stored.Model, stored.Year, stored.Powertrain).ShouldBe(("CHEVROLET", "Volt", 2018, "PHEV"));
    }

    [Theory]
    [InlineData(ConnectFlow.Classic)]
    [InlineData(ConnectFlow.ServerSide)]
    public async Task Refresh_reads_the_attributes_again_and_a_car_no_longer_connected_goes(ConnectFlow flow)
    {
        using var host = new EmulatorHandlerHost(flow, engine: engine);
        await host.ConnectAsync("2-vehicles@smartcar.com");
        var before = (await host.SendAsync(new GetVehicleAttributes())).Connections.Single();
        var userId = host.Emulator.World.ConnectionsOf(EmulatorDriver.ClientId)[0].User.Id;
        host.Emulator.World.Disconnect(EmulatorDriver.ClientId, userId, before.Vehicles[0].Id);
        host.Smartcar.Clock.Advance(TimeSpan.FromMinutes(5));
        host.StartCounting();

        var outcome = await host.SendAsync(new RefreshVehicleAttributes());

        outcome.Complete.ShouldBeTrue();
        RefreshMessages.For(outcome).ShouldBe(["Make, model and year were read again from Smartcar."]);
        host.SmartcarCalls.ShouldNotBeEmpty();
        var after = (await host.SendAsync(new GetVehicleAttributes())).Connections.Single();
        var kept = after.Vehicles.ShouldHaveSingleItem();
        kept.Id.ShouldBe(before.Vehicles[1].Id);
        kept.Description!.ReadAt.ShouldBe(host.Smartcar.Clock.GetUtcNow());
        after.ListedAt.ShouldBe(host.Smartcar.Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_car_whose_attributes_cannot_be_read_at_connect_time_is_kept_not_read_yet_and_refresh_reads_it()
    {
        using var host = new EmulatorHandlerHost(engine: engine);
        var owner = host.Emulator.SeedUser("two-cars@example.com", new SeededVehicle("TESLA", "Model 3", 2021), new SeededVehicle("CHEVROLET", "Volt", 2018));
        host.Emulator.FailNext("GET", "/v2.0/vehicles/*", Fault.VehicleState("ASLEEP"), vehicleId: owner.Vehicles[0].Id);

        (await host.ConnectAsync(owner.Email)).Succeeded.ShouldBeTrue();

        var connection = (await host.SendAsync(new GetVehicleAttributes())).Connections.ShouldHaveSingleItem();
        connection.Vehicles.Select(v => (v.Id, v.Description?.Make)).ShouldBe(
            [(owner.Vehicles[0].Id, null), (owner.Vehicles[1].Id, "CHEVROLET")], ignoreOrder: true);
        connection.NotReadYet.ShouldBe(1);
        connection.ReconnectNeeded.ShouldBeFalse();

        (await host.SendAsync(new RefreshVehicleAttributes())).Complete.ShouldBeTrue();
        (await host.SendAsync(new GetVehicleAttributes())).Connections.Single().NotReadYet.ShouldBe(0);
    }

    [Fact]
    public async Task A_refresh_that_fails_keeps_what_was_stored_and_says_why_in_words()
    {
        using var host = new EmulatorHandlerHost(engine: engine);
        await host.ConnectAsync("2-vehicles@smartcar.com");
        host.Emulator.FailNext("GET", "/v2.0/vehicles", Fault.RateLimit("VEHICLE", TimeSpan.FromSeconds(30)));

        var outcome = await host.SendAsync(new RefreshVehicleAttributes());

        RefreshMessages.For(outcome).ShouldBe([
            "Not every car could be read again; the list shows what was read before.",
            "Smartcar is limiting requests right now. Please try again in 30 seconds.",
        ]);
        var connection = (await host.SendAsync(new GetVehicleAttributes())).Connections.Single();
        connection.Vehicles.Count.ShouldBe(2);
        connection.NotReadYet.ShouldBe(0);
    }

    [Theory]
    [InlineData(ConnectFlow.Classic)]
    [InlineData(ConnectFlow.ServerSide)]
    public async Task A_vehicles_stored_description_is_read_by_its_id_for_its_owner_only(ConnectFlow flow)
    {
        using var host = new EmulatorHandlerHost(flow, engine: engine);
        var owner = host.Emulator.SeedUser("volt@example.com", new SeededVehicle("CHEVROLET", "Volt", 2018));
        await host.ConnectAsync(owner.Email);
        var vehicleId = owner.Vehicles[0].Id;

        var mine = await host.QueryDbAsync(db => ((IApplicationDbContext)db).DescriptionOfAsync("user-a", vehicleId, CancellationToken.None));
        var others = await host.QueryDbAsync(db => ((IApplicationDbContext)db).DescriptionOfAsync("user-b", vehicleId, CancellationToken.None));

        (mine!.Make, mine.Model, mine.Year).ShouldBe(("CHEVROLET", "Volt", 2018));
        others.ShouldBeNull();
    }

    private static Task<List<string>> StoredLinkVehicleIdsAsync(EmulatorHandlerHost host) =>
        host.QueryDbAsync(db => db.SmartcarUserLinks.SelectMany(l => l.Vehicles).OrderBy(v => v.Id).Select(v => v.SmartcarVehicleId).ToListAsync());
}

public sealed class StoredVehicleListOnSqlite() : StoredVehicleListTests(DatabaseProvider.Sqlite);

public sealed class StoredVehicleListOnPostgreSql() : StoredVehicleListTests(DatabaseProvider.PostgreSql);
