using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Application.Vehicles.GetVehicleDetails;
using SmartcarClean.Application.Vehicles.SetVehicleLock;
using SmartcarClean.Web.Wording;

namespace SmartcarClean.Unit.Application;

public sealed class VehicleDetailsAndLockTests : IDisposable
{
    private readonly HandlerTestHost _host = new();

    [Fact]
    public async Task Shows_exactly_the_readings_the_owner_permitted()
    {
        await _host.ConnectAsync();

        var outcome = await _host.SendAsync(new GetVehicleDetails("v-1"));

        var details = outcome.ShouldBeOfType<VehicleDetailsOutcome.Found>().Details;
        details.Attributes.ShouldBe(new VehicleAttributes("v-1", "TESLA", "Model 3", 2021));
        details.Odometer.ShouldBe(new DataItem<Odometer>.Read(new Reading<Odometer>(new Odometer(12345.6), _host.Smartcar.DataAge, "metric")));
        details.LockStatus.ShouldBeOfType<DataItem<LockStatus>.Read>().Reading.Value.IsLocked.ShouldBeTrue();
        details.Vin.ShouldBeNull();
        details.Location.ShouldBeNull();
        details.CanLockAndUnlock.ShouldBeTrue();

        // The first batch asks for every reading (the permissions come in it); later ones only for those permitted.
        _host.Time.Advance(TimeSpan.FromMinutes(5));
        await _host.SendAsync(new GetVehicleDetails("v-1"));
        _host.Smartcar.Batches[^1].ShouldBe("odometer,security");
    }

    [Fact]
    public async Task A_reading_that_fails_is_explained_and_the_others_still_show()
    {
        await _host.ConnectAsync();
        _host.Smartcar.ReadFailures["odometer"] = new SmartcarApiException(409, "VEHICLE_STATE", "ASLEEP", "asleep")
        {
            SuggestedUserMessage = "Your vehicle is in a sleep state.",
        };

        var details = (await _host.SendAsync(new GetVehicleDetails("v-1"))).ShouldBeOfType<VehicleDetailsOutcome.Found>().Details;

        SmartcarErrorMessages.For(details.Odometer.ShouldBeOfType<DataItem<Odometer>.Failed>().Problem)
            .ShouldBe("Your vehicle is in a sleep state.");
        details.LockStatus.ShouldBeOfType<DataItem<LockStatus>.Read>();
    }

    [Fact]
    public async Task A_rate_limit_says_when_to_try_again()
    {
        await _host.ConnectAsync();
        _host.Smartcar.ReadFailures["security"] = new SmartcarApiException(429, "RATE_LIMIT", "VEHICLE", "limited") { RetryAfter = TimeSpan.FromSeconds(30) };

        var details = (await _host.SendAsync(new GetVehicleDetails("v-1"))).ShouldBeOfType<VehicleDetailsOutcome.Found>().Details;

        SmartcarErrorMessages.For(details.LockStatus.ShouldBeOfType<DataItem<LockStatus>.Failed>().Problem)
            .ShouldBe("Smartcar is limiting requests right now. Please try again in 30 seconds.");
        _host.Smartcar.Batches.Count.ShouldBe(1, "a rate limit is not retried blindly");
    }

    [Fact]
    public async Task Another_users_vehicle_is_not_found_and_never_reaches_smartcar()
    {
        await _host.ConnectAsync();
        _host.User.Id = "someone-else";
        _host.Smartcar.ApiCalls.Clear();

        (await _host.SendAsync(new GetVehicleDetails("v-1"))).ShouldBeOfType<VehicleDetailsOutcome.NotFound>();
        (await _host.SendAsync(new SetVehicleLock("v-1", Locked: true))).ShouldBeOfType<SetVehicleLockOutcome.NotFound>();

        _host.Smartcar.ApiCalls.ShouldBeEmpty();
        _host.Smartcar.Commands.ShouldBeEmpty();
    }

    [Fact]
    public async Task Lock_and_unlock_are_sent_with_the_owners_token()
    {
        await _host.ConnectAsync();

        var unlocked = await _host.SendAsync(new SetVehicleLock("v-1", Locked: false));
        (await _host.SendAsync(new SetVehicleLock("v-1", Locked: true))).ShouldBe(new SetVehicleLockOutcome.Sent(Locked: true));

        unlocked.ShouldBe(new SetVehicleLockOutcome.Sent(Locked: false));
        CommandMessages.For(unlocked).ShouldBe("Your car was asked to unlock.");

        _host.Smartcar.Commands.ShouldBe(["UNLOCK v-1 access-1", "LOCK v-1 access-1"]);
    }

    [Fact]
    public async Task A_missing_permission_explains_how_to_get_it()
    {
        await _host.ConnectAsync();
        _host.Smartcar.CommandFailure = new SmartcarApiException(403, "PERMISSION", null, "insufficient permissions");

        var outcome = await _host.SendAsync(new SetVehicleLock("v-1", Locked: true));

        outcome.ShouldBe(new SetVehicleLockOutcome.Failed(new SmartcarProblem.NotAllowed("control_security")));
        CommandMessages.For(outcome).ShouldBe("You did not allow this app to lock and unlock this car. Connect again and allow it.");
    }

    [Fact]
    public async Task A_reading_refused_for_a_missing_permission_names_the_permission_to_ask_for()
    {
        await _host.ConnectAsync();
        _host.Smartcar.ReadFailures["odometer"] = new SmartcarApiException(403, "PERMISSION", null, "insufficient permissions");

        var details = (await _host.SendAsync(new GetVehicleDetails("v-1"))).ShouldBeOfType<VehicleDetailsOutcome.Found>().Details;

        var refused = details.Odometer.ShouldBeOfType<DataItem<Odometer>.Failed>().Problem;
        refused.ShouldBe(new SmartcarProblem.NotAllowed("read_odometer"));
        SmartcarErrorMessages.For(refused).ShouldBe("You did not allow this app to read this car's odometer. Connect again and allow it.");
    }

    [Fact]
    public async Task A_rejected_token_asks_for_a_reconnect_and_remembers_it()
    {
        await _host.ConnectAsync();
        _host.Smartcar.CommandFailure = new SmartcarApiException(401, "AUTHENTICATION", null, "expired");

        (await _host.SendAsync(new SetVehicleLock("v-1", Locked: true))).ShouldBeOfType<SetVehicleLockOutcome.ReconnectNeeded>();

        (await _host.QueryDbAsync(db => db.Connections.SingleAsync())).ReconnectNeeded.ShouldBeTrue();
        (await _host.SendAsync(new GetVehicleDetails("v-1"))).ShouldBeOfType<VehicleDetailsOutcome.ReconnectNeeded>();
    }

    [Fact]
    public async Task An_error_whose_resolution_is_reauthenticate_asks_for_a_reconnect_and_remembers_it()
    {
        await _host.ConnectAsync();
        _host.Smartcar.ReadFailures["odometer"] = new SmartcarApiException(400, "CONNECTED_SERVICES_ACCOUNT", "AUTHENTICATION_FAILED", "changed password")
        {
            Resolution = "REAUTHENTICATE",
        };

        (await _host.SendAsync(new GetVehicleDetails("v-1"))).ShouldBeOfType<VehicleDetailsOutcome.ReconnectNeeded>();

        (await _host.QueryDbAsync(db => db.Connections.SingleAsync())).ReconnectNeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task A_permission_error_leaves_the_rest_of_the_connection_working()
    {
        await _host.ConnectAsync();
        _host.Smartcar.ReadFailures["odometer"] = new SmartcarApiException(403, "PERMISSION", null, "insufficient") { Resolution = "REAUTHENTICATE" };

        var outcome = await _host.SendAsync(new GetVehicleDetails("v-1"));

        outcome.ShouldBeOfType<VehicleDetailsOutcome.Found>().Details.LockStatus.ShouldBeOfType<DataItem<LockStatus>.Read>();
        (await _host.QueryDbAsync(db => db.Connections.SingleAsync())).ReconnectNeeded.ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("../../v2.0/user")]
    [InlineData("v 1")]
    public async Task A_vehicle_id_in_a_shape_smartcar_never_uses_is_a_validation_error(string vehicleId)
    {
        await Should.ThrowAsync<FluentValidation.ValidationException>(() => _host.SendAsync(new GetVehicleDetails(vehicleId)));
        await Should.ThrowAsync<FluentValidation.ValidationException>(() => _host.SendAsync(new SetVehicleLock(vehicleId, true)));
    }


    public void Dispose() => _host.Dispose();
}
