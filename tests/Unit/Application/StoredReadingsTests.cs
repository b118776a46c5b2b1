using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Application.Vehicles.DisconnectVehicles;
using SmartcarClean.Application.Vehicles.GetVehicleDetails;
using SmartcarClean.Application.Vehicles.RefreshVehicleReadings;
using SmartcarClean.Application.Vehicles.SetVehicleLock;
using SmartcarClean.Web.Wording;

namespace SmartcarClean.Unit.Application;

/// <summary>
/// A vehicle's readings are kept and shown again while fresh (5 minutes by default): Smartcar bills every call, and one
/// page view that asks costs exactly one batch.
/// </summary>
public abstract class StoredReadingsTests(DatabaseProvider engine) : IDisposable
{
    private readonly HandlerTestHost _host = new(engine);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_cold_view_costs_one_batch_and_a_warm_view_costs_nothing_and_shows_the_same_readings()
    {
        await _host.ConnectAsync();

        var cold = await DetailsAsync();
        var callsAfterCold = _host.Smartcar.ApiCalls.Count;
        _host.Time.Advance(TimeSpan.FromMinutes(2));
        var warm = await DetailsAsync();

        _host.Smartcar.Batches.ShouldBe(["permissions,vin,odometer,location,fuel,battery,charge,security"]);
        _host.Smartcar.ApiCalls.Count.ShouldBe(callsAfterCold, "a warm view asks Smartcar nothing");
        warm.Odometer.ShouldBe(cold.Odometer);
        warm.Odometer.ShouldBe(new DataItem<Odometer>.Read(new Reading<Odometer>(new Odometer(12345.6), _host.Smartcar.DataAge, "metric")));
        warm.Permissions.ShouldBe(cold.Permissions);
        warm.AsOf.ShouldBe(cold.AsOf + TimeSpan.FromMinutes(2));
    }

    [Theory]
    [InlineData(299, 0)]
    [InlineData(300, 1)]
    [InlineData(301, 1)]
    public async Task Readings_are_fresh_for_five_minutes_after_smartcar_answered_and_not_at_the_end(int secondsLater, int batches)
    {
        await _host.ConnectAsync();
        await DetailsAsync();
        _host.Smartcar.Batches.Clear();

        _host.Time.Advance(TimeSpan.FromSeconds(secondsLater));
        await DetailsAsync();

        _host.Smartcar.Batches.Count.ShouldBe(batches);
    }

    [Fact]
    public async Task Refresh_now_makes_the_next_view_ask_smartcar_once_a_minute_at_most()
    {
        await _host.ConnectAsync();
        await DetailsAsync();
        var askedAt = _host.Time.GetUtcNow();

        _host.Time.Advance(TimeSpan.FromSeconds(30));
        var tooSoon = await _host.SendAsync(new RefreshVehicleReadings("v-1"));
        await DetailsAsync();
        _host.Time.Advance(TimeSpan.FromSeconds(30));
        var allowed = await _host.SendAsync(new RefreshVehicleReadings("v-1"));
        await DetailsAsync();
        await DetailsAsync();

        tooSoon.ShouldBe(new RefreshVehicleReadingsOutcome.TooSoon(askedAt.AddMinutes(1), askedAt.AddSeconds(30)));
        allowed.ShouldBeOfType<RefreshVehicleReadingsOutcome.Refreshing>();
        _host.Smartcar.Batches.Count.ShouldBe(2, "the first view, then the one view after the allowed refresh");
    }

    [Fact]
    public async Task Refreshing_another_users_vehicle_is_not_found()
    {
        await _host.ConnectAsync();
        _host.User.Id = "someone-else";

        (await _host.SendAsync(new RefreshVehicleReadings("v-1"))).ShouldBeOfType<RefreshVehicleReadingsOutcome.NotFound>();
    }

    [Fact]
    public async Task A_reading_that_fails_keeps_its_stored_value_and_says_why_it_is_not_fresher_while_the_others_are_new()
    {
        await _host.ConnectAsync();
        var before = await DetailsAsync();
        _host.Time.Advance(TimeSpan.FromMinutes(5));
        _host.Smartcar.ReadFailures["odometer"] = new SmartcarApiException(409, "VEHICLE_STATE", "ASLEEP", "asleep")
        {
            SuggestedUserMessage = "Your vehicle is in a sleep state.",
        };

        var after = await DetailsAsync();
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        var warm = await DetailsAsync();

        var stale = after.Odometer.ShouldBeOfType<DataItem<Odometer>.Stale>();
        stale.Reading.ShouldBe(before.Odometer.ShouldBeOfType<DataItem<Odometer>.Read>().Reading);
        SmartcarErrorMessages.For(stale.Problem).ShouldBe("Your vehicle is in a sleep state.");
        after.LockStatus.ShouldBeOfType<DataItem<LockStatus>.Read>();
        after.NotFresher.ShouldBeNull();
        var warmOdometer = warm.Odometer.ShouldBeOfType<DataItem<Odometer>.Stale>();
        warmOdometer.Reading.ShouldBe(stale.Reading);
        SmartcarErrorMessages.For(warmOdometer.Problem).ShouldBe("Your vehicle is in a sleep state.", "the reason is kept with the reading");
        _host.Smartcar.Batches.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_rate_limit_on_one_reading_counts_down_from_when_smartcar_said_it()
    {
        await _host.ConnectAsync();
        _host.Smartcar.ReadFailures["security"] = new SmartcarApiException(429, "RATE_LIMIT", "VEHICLE", "limited") { RetryAfter = TimeSpan.FromSeconds(90) };
        await DetailsAsync();

        _host.Time.Advance(TimeSpan.FromSeconds(60));
        var later = await DetailsAsync();

        SmartcarErrorMessages.For(later.LockStatus.ShouldBeOfType<DataItem<LockStatus>.Failed>().Problem)
            .ShouldBe("Smartcar is limiting requests right now. Please try again in 30 seconds.");
    }

    [Fact]
    public async Task When_the_whole_batch_is_refused_the_stored_readings_show_with_why_they_are_not_fresher()
    {
        await _host.ConnectAsync();
        var before = await DetailsAsync();
        _host.Time.Advance(TimeSpan.FromMinutes(10));
        _host.Smartcar.ApiFailure = new SmartcarApiException(429, "RATE_LIMIT", "VEHICLE", "limited") { RetryAfter = TimeSpan.FromSeconds(30) };

        var after = await DetailsAsync();

        SmartcarErrorMessages.For(after.NotFresher.ShouldNotBeNull()).ShouldBe("Smartcar is limiting requests right now. Please try again in 30 seconds.");
        after.Odometer.ShouldBeOfType<DataItem<Odometer>.Stale>().Reading.ShouldBe(before.Odometer.ShouldBeOfType<DataItem<Odometer>.Read>().Reading);
        after.LockStatus.ShouldBeOfType<DataItem<LockStatus>.Stale>();
    }

    [Fact]
    public async Task When_the_first_batch_is_refused_there_is_nothing_to_show_but_why()
    {
        await _host.ConnectAsync();
        _host.Smartcar.ApiFailure = new SmartcarApiException(430, "BILLING", "VEHICLE_REQUEST_LIMIT", "limit reached");

        var outcome = await _host.SendAsync(new GetVehicleDetails("v-1"));

        outcome.ShouldBeOfType<VehicleDetailsOutcome.Failed>().Problem.ShouldBeOfType<SmartcarProblem.Refused>().Error.Type.ShouldBe("BILLING");
    }

    [Fact]
    public async Task A_lock_command_costs_one_call_and_its_success_is_the_stored_lock_state()
    {
        await _host.ConnectAsync();
        await DetailsAsync();
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        var callsBefore = _host.Smartcar.ApiCalls.Count;

        await _host.SendAsync(new SetVehicleLock("v-1", Locked: false));
        var after = await DetailsAsync();

        _host.Smartcar.Commands.ShouldBe(["UNLOCK v-1 access-1"]);
        _host.Smartcar.ApiCalls.Count.ShouldBe(callsBefore, "neither the command nor the page after it reads anything");
        var doors = after.LockStatus.ShouldBeOfType<DataItem<LockStatus>.Read>().Reading;
        doors.Value.IsLocked.ShouldBeFalse();
        doors.DataAge.ShouldBe(_host.Time.GetUtcNow());
    }

    [Fact]
    public async Task Stored_readings_are_encrypted_at_rest_and_deleted_with_the_vehicle()
    {
        _host.Smartcar.Permissions.Add("read_location");
        await _host.ConnectAsync();
        await DetailsAsync();

        var stored = await _host.QueryDbAsync(db => db.Database.SqlQueryRaw<string>("""SELECT "ValueEncrypted" AS "Value" FROM "StoredReading" WHERE "ValueEncrypted" IS NOT NULL""").ToListAsync());
        stored.Count.ShouldBeGreaterThan(0);
        stored.ShouldAllBe(value => !value.Contains("39.74") && !value.Contains("latitude"));

        (await _host.SendAsync(new DisconnectVehicles("v-1"))).ShouldBeOfType<DisconnectVehiclesOutcome.Disconnected>();
        (await _host.QueryDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT CAST(COUNT(*) AS INTEGER) AS \"Value\" FROM \"ConnectedVehicle\"").SingleAsync())).ShouldBe(0);
        (await _host.QueryDbAsync(db => db.VehicleReadings.CountAsync())).ShouldBe(0);
        (await _host.QueryDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT CAST(COUNT(*) AS INTEGER) AS \"Value\" FROM \"StoredReading\"").SingleAsync())).ShouldBe(0);
    }

    private async Task<VehicleDetails> DetailsAsync() =>
        (await _host.SendAsync(new GetVehicleDetails("v-1"))).ShouldBeOfType<VehicleDetailsOutcome.Found>().Details;
}

public sealed class StoredReadingsOnSqlite() : StoredReadingsTests(DatabaseProvider.Sqlite);

public sealed class StoredReadingsOnPostgreSql() : StoredReadingsTests(DatabaseProvider.PostgreSql);
