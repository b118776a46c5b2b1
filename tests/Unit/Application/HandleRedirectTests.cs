using FluentValidation;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Connect.HandleRedirect;
using SmartcarClean.Application.Connect.StartConnect;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Domain.Connect;

namespace SmartcarClean.Unit.Application;

public abstract class HandleRedirectTests(DatabaseProvider engine) : IDisposable
{
    private readonly HandlerTestHost _host = new(engine);

    [Fact]
    public async Task A_valid_state_and_code_exchanges_the_code_with_the_same_redirect_uri_and_stores_the_connection()
    {
        var state = await StartAsync();

        var outcome = await _host.SendAsync(new HandleRedirect("code-1", state, null, null));

        outcome.Succeeded.ShouldBeTrue();
        _host.Smartcar.Exchanges.ShouldBe([("code-1", HandlerTestHost.RedirectUri)]);
        var connection = await _host.QueryDbAsync(db => db.Connections.SingleAsync());
        connection.OwnerId.ShouldBe("user-a");
        connection.Vehicles.Select(v => v.SmartcarVehicleId).ShouldBe(["v-1"]);
    }

    [Fact]
    public async Task A_popup_attempt_exchanges_its_code_with_the_javascript_sdk_redirect_uri_it_sent_to_connect()
    {
        _host.Options.PopupRedirectUri = HandlerTestHost.PopupRedirectUri;
        var link = await _host.SendAsync(new StartConnect() { InPopup = true });

        var outcome = await _host.SendAsync(new HandleRedirect("code-1", link.State, null, null));

        outcome.Succeeded.ShouldBeTrue();
        _host.Smartcar.Exchanges.ShouldBe([("code-1", HandlerTestHost.PopupRedirectUri)]);
    }

    [Fact]
    public async Task A_popup_state_is_accepted_only_once_and_only_in_the_session_that_started_it()
    {
        _host.Options.PopupRedirectUri = HandlerTestHost.PopupRedirectUri;
        var link = await _host.SendAsync(new StartConnect() { InPopup = true });

        _host.User.SessionId = "session-b";
        var elsewhere = await _host.SendAsync(new HandleRedirect("code-1", link.State, null, null));
        _host.User.SessionId = "session-a";
        var first = await _host.SendAsync(new HandleRedirect("code-1", link.State, null, null));
        var again = await _host.SendAsync(new HandleRedirect("code-1", link.State, null, null));

        elsewhere.Failure.ShouldNotBeNull().State.ShouldBe(StateCheck.Unknown);
        first.Succeeded.ShouldBeTrue();
        again.Failure.ShouldNotBeNull().State.ShouldBe(StateCheck.Reused);
        _host.Smartcar.Exchanges.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Connecting_the_same_car_again_replaces_its_tokens_and_never_lists_it_twice()
    {
        _host.Smartcar.Vehicles["v-2"] = new VehicleAttributes("v-2", "TESLA", "Model Y", 2022);
        await _host.ConnectAsync("code-1");
        _host.Smartcar.Vehicles.Remove("v-2");
        _host.Smartcar.NextTokens = new TokenResponse("access-new", "refresh-new", 7200);

        await _host.ConnectAsync("code-2");

        // Ordered here, not in the query: the stored token is ciphertext.
        var connections = (await _host.QueryDbAsync(db => db.Connections.ToListAsync())).OrderBy(c => c.Tokens.AccessToken, StringComparer.Ordinal);
        connections.Select(c => (c.Tokens.AccessToken, string.Join(',', c.Vehicles.Select(v => v.SmartcarVehicleId))))
            .ShouldBe([("access-1", "v-2"), ("access-new", "v-1")]);
    }

    [Fact]
    public async Task A_connection_whose_every_car_was_connected_again_is_forgotten()
    {
        await _host.ConnectAsync("code-1");
        _host.Smartcar.NextTokens = new TokenResponse("access-new", "refresh-new", 7200);

        await _host.ConnectAsync("code-2");

        (await _host.QueryDbAsync(db => db.Connections.SingleAsync())).Tokens.AccessToken.ShouldBe("access-new");
    }

    [Fact]
    public async Task A_missing_state_is_refused_without_calling_the_token_endpoint()
    {
        var outcome = await _host.SendAsync(new HandleRedirect("code-1", null, null, null));

        ShouldBeStateFailure(outcome, StateCheck.Missing);
    }

    [Fact]
    public async Task A_forged_state_is_refused_without_calling_the_token_endpoint()
    {
        await StartAsync();

        var outcome = await _host.SendAsync(new HandleRedirect("code-1", "forged-state", null, null));

        ShouldBeStateFailure(outcome, StateCheck.Unknown);
    }

    [Fact]
    public async Task A_state_started_by_another_user_is_refused_as_unknown()
    {
        var state = await StartAsync();
        _host.User.Id = "user-b";

        var outcome = await _host.SendAsync(new HandleRedirect("code-1", state, null, null));

        ShouldBeStateFailure(outcome, StateCheck.Unknown);
    }

    [Fact]
    public async Task A_state_started_in_another_session_of_the_same_user_is_refused_as_unknown()
    {
        var state = await StartAsync();
        _host.User.SessionId = "session-in-another-browser";

        var outcome = await _host.SendAsync(new HandleRedirect("code-1", state, null, null));

        ShouldBeStateFailure(outcome, StateCheck.Unknown);
        var attempt = await _host.QueryDbAsync(db => db.ConnectAttempts.SingleAsync());
        attempt.UsedAt.ShouldBeNull("a refused state is not spent: the session that started it can still finish");
    }

    [Fact]
    public async Task A_state_is_accepted_back_in_the_session_that_started_it()
    {
        var state = await StartAsync();
        _host.User.SessionId = "session-in-another-browser";
        await _host.SendAsync(new HandleRedirect("code-1", state, null, null));
        _host.User.SessionId = "session-a";

        var outcome = await _host.SendAsync(new HandleRedirect("code-1", state, null, null));

        outcome.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task A_state_used_once_is_refused_the_second_time()
    {
        var state = await StartAsync();
        (await _host.SendAsync(new HandleRedirect("code-1", state, null, null))).Succeeded.ShouldBeTrue();

        var outcome = await _host.SendAsync(new HandleRedirect("code-2", state, null, null));

        outcome.Failure!.State.ShouldBe(StateCheck.Reused);
        _host.Smartcar.Exchanges.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_state_older_than_ten_minutes_is_refused()
    {
        var state = await StartAsync();
        _host.Time.Advance(TimeSpan.FromMinutes(10));

        var outcome = await _host.SendAsync(new HandleRedirect("code-1", state, null, null));

        ShouldBeStateFailure(outcome, StateCheck.Expired);
    }

    [Fact]
    public async Task A_connect_error_is_reported_with_its_code_and_nothing_is_exchanged()
    {
        var state = await StartAsync();

        var outcome = await _host.SendAsync(
            new HandleRedirect(null, state, "access_denied", "User denied access to application."));

        outcome.Failure.ShouldBe(new ConnectFailure(
            ConnectFailureReason.ConnectError, Error: ConnectError.AccessDenied, ErrorDescription: "User denied access to application."));
        _host.Smartcar.Exchanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_incompatible_vehicle_the_user_shared_is_kept_for_the_explanation()
    {
        var state = await StartAsync();
        var redirect = new HandleRedirect(null, state, "vehicle_incompatible", "The user's vehicle is not compatible.")
        {
            Vehicle = new SharedVehicle("0SCAUDI012FE3B132", "AUDI", "A4", "2017"),
        };

        var failure = (await _host.SendAsync(redirect)).Failure.ShouldNotBeNull();

        failure.Error.ShouldBe(ConnectError.VehicleIncompatible);
        failure.Vehicle.ShouldNotBeNull().ToString().ShouldBe("2017 AUDI A4 (VIN 0SCAUDI012FE3B132)");
    }

    [Fact]
    public async Task A_configuration_error_keeps_the_message_connect_showed()
    {
        var state = await StartAsync();
        var redirect = new HandleRedirect(null, state, "configuration_error", "There has been an error in the configuration of your application.")
        {
            ErrorMessage = "You have entered a test mode VIN.",
            Vehicle = new SharedVehicle(null, null, null, null),
        };

        var failure = (await _host.SendAsync(redirect)).Failure.ShouldNotBeNull();

        failure.ErrorMessage.ShouldBe("You have entered a test mode VIN.");
        failure.Vehicle.ShouldBeNull("nothing was shared");
    }

    [Fact]
    public async Task Shared_vehicle_fields_in_a_shape_smartcar_never_sends_are_validation_errors()
    {
        var redirect = new HandleRedirect(null, "s", "vehicle_incompatible", null)
        {
            Vehicle = new SharedVehicle("<script>", "AUDI", "A4", "twenty"),
        };

        var exception = await Should.ThrowAsync<ValidationException>(() => _host.SendAsync(redirect));

        exception.Errors.Select(e => e.PropertyName).ShouldBe(["Vehicle.Vin", "Vehicle.Year"], ignoreOrder: true);
    }

    [Fact]
    public async Task An_error_with_a_forged_state_is_a_state_failure()
    {
        await StartAsync();

        var outcome = await _host.SendAsync(new HandleRedirect(null, "forged", "access_denied", null));

        ShouldBeStateFailure(outcome, StateCheck.Unknown);
    }

    [Fact]
    public async Task A_redirect_with_neither_code_nor_error_is_refused()
    {
        var state = await StartAsync();

        var outcome = await _host.SendAsync(new HandleRedirect(null, state, null, null));

        outcome.Failure!.Reason.ShouldBe(ConnectFailureReason.MissingCode);
        _host.Smartcar.Exchanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_refused_exchange_is_reported_and_stores_nothing()
    {
        var state = await StartAsync();
        _host.Smartcar.ExchangeFailure = new SmartcarAuthException("invalid_grant", "Unauthorized redirect_uri: x");

        var outcome = await _host.SendAsync(new HandleRedirect("code-1", state, null, null));

        outcome.Failure!.Reason.ShouldBe(ConnectFailureReason.TokenExchangeFailed);
        (await _host.QueryDbAsync(db => db.Connections.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Input_in_a_shape_Smartcar_never_sends_is_a_validation_error()
    {
        var exception = await Should.ThrowAsync<ValidationException>(
            () => _host.SendAsync(new HandleRedirect("<script>", new string('s', 300), "Bad Error", null)));

        exception.Errors.Select(e => e.PropertyName).ShouldBe(["Code", "State", "Error"], ignoreOrder: true);
        _host.Smartcar.Exchanges.ShouldBeEmpty();
    }

    private async Task<string> StartAsync()
    {
        var url = (await _host.SendAsync(new StartConnect())).Url;
        return QueryHelpers.ParseQuery(url.Query)["state"].ToString();
    }

    private void ShouldBeStateFailure(ConnectOutcome outcome, StateCheck expected)
    {
        outcome.Failure.ShouldBe(new ConnectFailure(ConnectFailureReason.InvalidState, State: expected));
        _host.Smartcar.Exchanges.ShouldBeEmpty();
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class HandleRedirectOnSqlite() : HandleRedirectTests(DatabaseProvider.Sqlite);

public sealed class HandleRedirectOnPostgreSql() : HandleRedirectTests(DatabaseProvider.PostgreSql);
