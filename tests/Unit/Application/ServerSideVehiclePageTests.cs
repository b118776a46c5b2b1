using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Application.Vehicles.DisconnectVehicles;
using SmartcarClean.Application.Vehicles.GetVehicleAttributes;
using SmartcarClean.Application.Vehicles.GetVehicleDetails;
using SmartcarClean.Application.Vehicles.RefreshVehicleReadings;
using SmartcarClean.Application.Vehicles.SetVehicleLock;
using SmartcarClean.Emulator.Steering.Faults;
using SmartcarClean.Emulator.Testing;
using SmartcarClean.Web.Wording;

namespace SmartcarClean.Unit.Application;

/// <summary>
/// The vehicle page of a car connected through the server-side flow (API v3), against the real emulator over HTTP: one
/// <c>GET /v3/vehicles/{id}/signals</c> per cold view into the same readings store as the classic batch, Lock/Unlock
/// through v3 security commands, Disconnect through <c>DELETE /v3/connections/{id}</c>.
/// </summary>
public abstract class ServerSideVehiclePageTests(DatabaseProvider engine) : IDisposable
{
    private const string Scopes = "read_vehicle_info read_vin read_odometer read_location read_fuel read_battery read_charge read_security control_security";

    private readonly EmulatorHandlerHost _host = new(ConnectFlow.ServerSide, Scopes.Split(' ')
        .Select((scope, i) => (Key: $"Smartcar:Scopes:{i}", Value: (string?)scope))
        .ToDictionary(s => s.Key, s => s.Value), engine);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_cold_view_costs_one_signals_call_and_a_warm_view_costs_nothing_and_shows_the_same_readings()
    {
        var (car, _) = await ConnectTwoCarsAsync();
        var state = _host.Emulator.World.VehicleStateOf(car);

        _host.StartCounting();
        var cold = await DetailsAsync(car);
        var coldCalls = Calls();
        _host.Smartcar.Clock.Advance(TimeSpan.FromMinutes(2));
        _host.StartCounting();
        var warm = await DetailsAsync(car);

        coldCalls.ShouldBe([$"GET /v3/vehicles/{car}/signals"]);
        Calls().ShouldBeEmpty("a warm view asks Smartcar nothing");
        var odometer = cold.Odometer.ShouldBeOfType<DataItem<Odometer>.Read>().Reading;
        odometer.ShouldBe(new Reading<Odometer>(new Odometer(state.OdometerKm), _host.Smartcar.Clock.GetUtcNow() - TimeSpan.FromMinutes(2), "metric"));
        cold.LockStatus.ShouldBe(new DataItem<LockStatus>.Read(new Reading<LockStatus>(new LockStatus(state.IsLocked), odometer.DataAge, "metric")));
        cold.Vin.ShouldBeOfType<DataItem<VehicleIdentification>.Read>().Reading.Value.Vin.Length.ShouldBe(17);
        cold.Location.ShouldBeOfType<DataItem<Location>.Read>().Reading.Value.Latitude.ShouldBe(state.Latitude);
        cold.Battery.ShouldBeOfType<DataItem<Battery>.Read>().Reading.Value.Range.ShouldBe(state.BatteryRangeKm);
        cold.Fuel.ShouldBeOfType<DataItem<Fuel>.Read>().Reading.Value.AmountRemaining.ShouldBeNull("v3 gives the level and range only");
        cold.Charge.ShouldBeOfType<DataItem<Charge>.Read>().Reading.Value.IsPluggedIn.ShouldBe(state.IsPluggedIn);
        cold.CanLockAndUnlock.ShouldBeTrue("the connection's permissions were kept when it was listed");
        warm.Odometer.ShouldBe(cold.Odometer);
        warm.AsOf.ShouldBe(cold.AsOf + TimeSpan.FromMinutes(2));
    }

    [Theory]
    [InlineData(299, 0)]
    [InlineData(300, 1)]
    public async Task Readings_are_fresh_for_five_minutes_after_smartcar_answered_and_not_at_the_end(int secondsLater, int calls)
    {
        var (car, _) = await ConnectTwoCarsAsync();
        await DetailsAsync(car);

        _host.Smartcar.Clock.Advance(TimeSpan.FromSeconds(secondsLater));
        _host.StartCounting();
        await DetailsAsync(car);

        Calls().Count.ShouldBe(calls);
    }

    [Fact]
    public async Task A_signal_that_fails_keeps_its_stored_value_and_says_why_while_the_others_are_new()
    {
        var (car, _) = await ConnectTwoCarsAsync();
        var before = await DetailsAsync(car);
        _host.Smartcar.Clock.Advance(TimeSpan.FromMinutes(5));
        _host.Emulator.FailNext("GET", "/v3/vehicles/*/signals/odometer-traveleddistance", Fault.VehicleState("ASLEEP"));

        _host.StartCounting();
        var after = await DetailsAsync(car);

        Calls().ShouldBe([$"GET /v3/vehicles/{car}/signals"]);
        var stale = after.Odometer.ShouldBeOfType<DataItem<Odometer>.Stale>();
        stale.Reading.ShouldBe(before.Odometer.ShouldBeOfType<DataItem<Odometer>.Read>().Reading);
        SmartcarErrorMessages.For(stale.Problem).ShouldNotBeNullOrWhiteSpace();
        after.LockStatus.ShouldBeOfType<DataItem<LockStatus>.Read>().Reading.DataAge.ShouldBe(_host.Smartcar.Clock.GetUtcNow());
        after.NotFresher.ShouldBeNull();
    }

    [Fact]
    public async Task A_car_past_its_monthly_allowance_shows_its_kept_readings_with_why_and_is_held_back_while_the_other_car_reads()
    {
        var (car, other) = await ConnectTwoCarsAsync();
        var before = await DetailsAsync(car);
        _host.Smartcar.LimitVehicleRequestsPerMonth(1);
        _host.Smartcar.Clock.Advance(TimeSpan.FromMinutes(5));

        var refused = await DetailsAsync(car);
        _host.Smartcar.Clock.Advance(TimeSpan.FromMinutes(1));
        _host.StartCounting();
        var held = await DetailsAsync(car);
        var heldCalls = Calls();
        await DetailsAsync(other);

        var billing = refused.NotFresher.ShouldBeOfType<SmartcarProblem.Refused>().Error;
        (billing.StatusCode, billing.Type, billing.ErrorCode).ShouldBe((430, "BILLING", "VEHICLE_REQUEST_LIMIT"));
        refused.Odometer.ShouldBeOfType<DataItem<Odometer>.Stale>().Reading.ShouldBe(before.Odometer.ShouldBeOfType<DataItem<Odometer>.Read>().Reading);
        held.NotFresher.ShouldNotBeNull();
        heldCalls.ShouldBeEmpty("a 430 holds the car back: never retried");
        Calls().ShouldBe([$"GET /v3/vehicles/{other}/signals"], "the hold is the car's, not the other car's");
    }

    [Fact]
    public async Task Refresh_now_makes_the_next_view_ask_smartcar_again()
    {
        var (car, _) = await ConnectTwoCarsAsync();
        await DetailsAsync(car);
        _host.Smartcar.Clock.Advance(TimeSpan.FromMinutes(1));

        (await _host.SendAsync(new RefreshVehicleReadings(car))).ShouldBeOfType<RefreshVehicleReadingsOutcome.Refreshing>();
        _host.StartCounting();
        await DetailsAsync(car);

        Calls().ShouldBe([$"GET /v3/vehicles/{car}/signals"]);
    }

    [Fact]
    public async Task Lock_costs_one_v3_command_and_the_page_after_it_shows_the_new_state_without_asking()
    {
        var (car, _) = await ConnectTwoCarsAsync();
        await DetailsAsync(car);
        var locked = !_host.Emulator.World.VehicleStateOf(car).IsLocked;

        _host.StartCounting();
        var outcome = await _host.SendAsync(new SetVehicleLock(car, locked));
        var commandCalls = Calls();
        _host.StartCounting();
        var after = await DetailsAsync(car);

        outcome.ShouldBe(new SetVehicleLockOutcome.Sent(locked));
        commandCalls.ShouldBe([$"POST /v3/vehicles/{car}/commands/security/{(locked ? "lock" : "unlock")}"]);
        _host.Emulator.World.VehicleStateOf(car).IsLocked.ShouldBe(locked);
        Calls().ShouldBeEmpty("the command's result is the stored lock state");
        after.LockStatus.ShouldBe(new DataItem<LockStatus>.Read(new Reading<LockStatus>(new LockStatus(locked), _host.Smartcar.Clock.GetUtcNow(), "metric")));
    }

    [Fact]
    public async Task Disconnect_deletes_exactly_that_cars_connection_at_smartcar_and_forgets_it_with_its_readings_here()
    {
        var (car, other) = await ConnectTwoCarsAsync();
        var connectionId = ConnectionAtSmartcar(car)!;
        await DetailsAsync(car);
        await DetailsAsync(other);

        _host.StartCounting();
        var outcome = await _host.SendAsync(new DisconnectVehicles(car));

        outcome.ShouldBe(new DisconnectVehiclesOutcome.Disconnected(1, 0));
        Calls().ShouldBe([$"DELETE /v3/connections/{connectionId}"]);
        ConnectionAtSmartcar(car).ShouldBeNull();
        ConnectionAtSmartcar(other).ShouldNotBeNull();
        (await ListedAsync()).ShouldBe([other]);
        (await _host.QueryDbAsync(db => db.VehicleReadings.CountAsync())).ShouldBe(1, "the other car's readings stay");
        (await _host.SendAsync(new GetVehicleDetails(car))).ShouldBeOfType<VehicleDetailsOutcome.NotFound>();
    }

    [Fact]
    public async Task A_connection_smartcar_no_longer_has_is_forgotten_here_too()
    {
        var (car, other) = await ConnectTwoCarsAsync();
        _host.Emulator.World.DeleteConnection(EmulatorDriver.ClientId, ConnectionAtSmartcar(car)!);

        var outcome = await _host.SendAsync(new DisconnectVehicles(car));

        outcome.ShouldBe(new DisconnectVehiclesOutcome.Disconnected(1, 0));
        (await ListedAsync()).ShouldBe([other]);
    }

    [Fact]
    public async Task A_car_listed_before_connection_ids_were_kept_reads_its_connection_id_once_to_disconnect()
    {
        var (car, other) = await ConnectTwoCarsAsync();
        await _host.QueryDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"LinkedVehicle\" SET \"ConnectionId\" = NULL"));
        var connectionId = ConnectionAtSmartcar(car)!;

        _host.StartCounting();
        await _host.SendAsync(new DisconnectVehicles(car));

        Calls().ShouldBe(["GET /v3/connections", $"DELETE /v3/connections/{connectionId}"]);
        ConnectionAtSmartcar(other).ShouldNotBeNull();
        (await _host.QueryDbAsync(db => db.SmartcarUserLinks.SelectMany(l => l.Vehicles).SingleAsync())).ConnectionId
            .ShouldBe(ConnectionAtSmartcar(other), "the other car's id was kept from the same read");
    }

    [Fact]
    public async Task Another_users_car_is_not_found_and_smartcar_is_not_asked()
    {
        var (car, _) = await ConnectTwoCarsAsync();
        _host.User.Id = "someone-else";

        _host.StartCounting();
        (await _host.SendAsync(new GetVehicleDetails(car))).ShouldBeOfType<VehicleDetailsOutcome.NotFound>();
        (await _host.SendAsync(new SetVehicleLock(car, true))).ShouldBeOfType<SetVehicleLockOutcome.NotFound>();
        (await _host.SendAsync(new RefreshVehicleReadings(car))).ShouldBeOfType<RefreshVehicleReadingsOutcome.NotFound>();
        (await _host.SendAsync(new DisconnectVehicles(car))).ShouldBeOfType<DisconnectVehiclesOutcome.NotFound>();

        Calls().ShouldBeEmpty();
        ConnectionAtSmartcar(car).ShouldNotBeNull();
    }

    private async Task<(string Car, string Other)> ConnectTwoCarsAsync()
    {
        (await _host.ConnectAsync("2-vehicles@smartcar.com")).Succeeded.ShouldBeTrue();
        var cars = await ListedAsync();
        cars.Count.ShouldBe(2);
        return (cars[0], cars[1]);
    }

    private async Task<List<string>> ListedAsync() =>
        [.. (await _host.SendAsync(new GetVehicleAttributes())).Connections.SelectMany(c => c.Vehicles).Select(v => v.Id)];

    private async Task<VehicleDetails> DetailsAsync(string car) =>
        (await _host.SendAsync(new GetVehicleDetails(car))).ShouldBeOfType<VehicleDetailsOutcome.Found>().Details;

    // The app's calls to Smartcar's API since StartCounting, without the query (the application token is fetched once, at connect time).
    private List<string> Calls() => [.. _host.SmartcarCalls.Select(r => $"{r.Method} {r.Path}")];

    private string? ConnectionAtSmartcar(string vehicleId) =>
        _host.Emulator.World.ConnectionsOf(EmulatorDriver.ClientId).FirstOrDefault(c => c.Vehicle.Id == vehicleId)?.Id;
}

public sealed class ServerSideVehiclePageOnSqlite() : ServerSideVehiclePageTests(DatabaseProvider.Sqlite);

public sealed class ServerSideVehiclePageOnPostgreSql() : ServerSideVehiclePageTests(DatabaseProvider.PostgreSql);
