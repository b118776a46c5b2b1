using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Connect.HandleRedirect;
using SmartcarClean.Application.Connect.StartConnect;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Tokens;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Application.Vehicles.DisconnectSmartcarAccount;
using SmartcarClean.Application.Vehicles.GetVehicleAttributes;
using SmartcarClean.Application.Vehicles.RefreshVehicleAttributes;
using SmartcarClean.Domain.Connect;
using SmartcarClean.Web.Wording;

namespace SmartcarClean.Unit.Application;

/// <summary>
/// Smartcar's server-side flow: Connect returns a user_id, which the app links only once Smartcar confirms it with the
/// code (ADR-007); the app reads API v3 with one application token.
/// </summary>
public abstract class ServerSideFlowTests : IDisposable
{
    private readonly HandlerTestHost _host;

    protected ServerSideFlowTests(DatabaseProvider engine)
    {
        _host = new HandlerTestHost(engine);
        _host.Options.Flow = ConnectFlow.ServerSide;
        _host.Smartcar.RefusesUnissuedCodes = true;
        _host.Smartcar.Vehicles["v-2"] = new VehicleAttributes("v-2", "CHEVROLET", "Volt", 2018);
        _host.Smartcar.SmartcarUsers["sc-user-1"] = ["v-1", "v-2"];
    }

    [Fact]
    public async Task Links_the_user_Smartcar_names_for_the_code_and_keeps_none_of_the_codes_tokens()
    {
        var code = _host.Smartcar.IssueCode("sc-user-1");

        var outcome = await RedirectAsync(await StartAsync(), userId: "sc-user-1", code);

        outcome.Succeeded.ShouldBeTrue();
        // Exchanged as the classic flow does (the attempt's redirect URI); its token reads only who connected.
        _host.Smartcar.Exchanges.ShouldBe([(code, HandlerTestHost.RedirectUri)]);
        _host.Smartcar.ApiCalls.Where(c => !c.StartsWith("v3 ", StringComparison.Ordinal)).ShouldBe(["user access-of-sc-user-1"]);
        // The user's vehicles are then read with the application token, never with the code's.
        _host.Smartcar.ApiCalls.Where(c => c.StartsWith("v3 ", StringComparison.Ordinal)).ShouldAllBe(c => c.EndsWith("app-token-1", StringComparison.Ordinal));
        (await _host.QueryDbAsync(db => db.Connections.AnyAsync())).ShouldBeFalse();
        var link = await _host.QueryDbAsync(db => db.SmartcarUserLinks.SingleAsync());
        (link.OwnerId, link.SmartcarUserId, link.LinkedAt).ShouldBe(("user-a", "sc-user-1", _host.Time.GetUtcNow()));
    }

    [Fact]
    public async Task Connecting_again_as_the_same_Smartcar_user_keeps_one_link()
    {
        await ConnectAsync("sc-user-1");
        await ConnectAsync("sc-user-1");

        (await _host.QueryDbAsync(db => db.SmartcarUserLinks.CountAsync())).ShouldBe(1);
        (await _host.SendAsync(new GetVehicleAttributes())).Connections.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_redirect_without_a_user_id_links_the_user_Smartcar_names()
    {
        var outcome = await RedirectAsync(await StartAsync(), userId: null, _host.Smartcar.IssueCode("sc-user-1"));

        outcome.Succeeded.ShouldBeTrue();
        (await _host.QueryDbAsync(db => db.SmartcarUserLinks.SingleAsync())).SmartcarUserId.ShouldBe("sc-user-1");
    }

    // The reproduced attack: her own Connect's valid state, never finished, with another person's user_id.
    [Fact]
    public async Task Another_persons_user_id_with_my_own_state_and_no_code_links_nothing()
    {
        var outcome = await RedirectAsync(await StartAsync(), userId: "sc-victim", code: null);

        await ShouldHaveLinkedNothingAsync(outcome);
        _host.Smartcar.Exchanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task Another_persons_user_id_with_my_own_code_links_nothing()
    {
        var myCode = _host.Smartcar.IssueCode("sc-attacker");

        var outcome = await RedirectAsync(await StartAsync(), userId: "sc-victim", myCode);

        await ShouldHaveLinkedNothingAsync(outcome);
    }

    [Fact]
    public async Task A_made_up_code_links_nothing()
    {
        var outcome = await RedirectAsync(await StartAsync(), userId: "sc-user-1", code: "made-up-code");

        await ShouldHaveLinkedNothingAsync(outcome);
    }

    [Fact]
    public async Task A_code_of_another_Connect_session_whose_user_differs_links_nothing()
    {
        var othersCode = _host.Smartcar.IssueCode("sc-user-2");

        var outcome = await RedirectAsync(await StartAsync(), userId: "sc-user-1", othersCode);

        await ShouldHaveLinkedNothingAsync(outcome);
    }

    [Fact]
    public async Task When_Smartcar_cannot_be_reached_nothing_is_linked_and_the_state_is_used_up()
    {
        var state = await StartAsync();
        // What the real clients throw when no answer comes (SmartcarAnswers.Unreachable).
        _host.Smartcar.ExchangeFailure = new SmartcarApiException(0, "SDK_ERROR", "UNREACHABLE", "Smartcar could not be reached.");

        await ShouldHaveLinkedNothingAsync(await RedirectAsync(state, "sc-user-1", _host.Smartcar.IssueCode("sc-user-1")));

        _host.Smartcar.ExchangeFailure = null;
        (await RedirectAsync(state, "sc-user-1", _host.Smartcar.IssueCode("sc-user-1"))).Failure!.State.ShouldBe(StateCheck.Reused);
        (await _host.QueryDbAsync(db => db.SmartcarUserLinks.AnyAsync())).ShouldBeFalse();
    }

    [Fact]
    public async Task When_Smartcar_refuses_to_say_who_the_token_belongs_to_nothing_is_linked()
    {
        var code = _host.Smartcar.IssueCode("sc-user-1");
        _host.Smartcar.ApiFailure = new SmartcarApiException(401, "AUTHENTICATION", null, null);

        await ShouldHaveLinkedNothingAsync(await RedirectAsync(await StartAsync(), "sc-user-1", code));
    }

    [Fact]
    public async Task A_forged_state_links_nothing()
    {
        await StartAsync();

        var outcome = await RedirectAsync("forged-state", "sc-user-1");

        outcome.Failure!.State.ShouldBe(StateCheck.Unknown);
        (await _host.QueryDbAsync(db => db.SmartcarUserLinks.AnyAsync())).ShouldBeFalse();
    }

    [Fact]
    public async Task A_user_id_that_is_not_in_Smartcars_form_is_a_validation_error()
    {
        var state = await StartAsync();

        await Should.ThrowAsync<ValidationException>(() => RedirectAsync(state, "<script>alert(1)</script>"));
    }

    [Fact]
    public async Task Connecting_reads_the_users_vehicles_from_v3_with_the_application_token_and_the_list_shows_them()
    {
        // This fake's connections carry no attributes, so each vehicle is read with GET /v3/vehicles/{id}.
        await ConnectAsync("sc-user-1");
        _host.Smartcar.ApiCalls.Where(c => c.StartsWith("v3 ", StringComparison.Ordinal)).ShouldBe(
            ["v3 connections sc-user-1 app-token-1", "v3 vehicle v-1 sc-user-1 app-token-1", "v3 vehicle v-2 sc-user-1 app-token-1"],
            ignoreOrder: true);
        _host.Smartcar.ApiCalls.Clear();

        var overview = await _host.SendAsync(new GetVehicleAttributes());

        var connection = overview.Connections.ShouldHaveSingleItem();
        connection.Flow.ShouldBe(ConnectFlow.ServerSide);
        connection.RenewBy.ShouldBeNull();
        connection.Vehicles.Select(v => (v.Id, v.Description!.Make, v.Description.Model, v.Description.Year)).ShouldBe(
            [("v-1", "TESLA", "Model 3", 2021), ("v-2", "CHEVROLET", "Volt", 2018)],
            ignoreOrder: true);
        _host.Smartcar.ApiCalls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Another_app_user_sees_none_of_these_vehicles()
    {
        await ConnectAsync("sc-user-1");
        _host.User.Id = "user-b";

        (await _host.SendAsync(new GetVehicleAttributes())).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public async Task The_application_token_is_reused_until_shortly_before_it_expires_then_fetched_again()
    {
        await ConnectAsync("sc-user-1");

        await _host.SendAsync(new RefreshVehicleAttributes());
        _host.Time.Advance(TimeSpan.FromHours(1) - ApplicationTokenCache.RenewBefore - TimeSpan.FromTicks(1));
        await _host.SendAsync(new RefreshVehicleAttributes());
        _host.Smartcar.ApplicationTokenRequests.Count.ShouldBe(1);

        _host.Time.Advance(TimeSpan.FromTicks(1));
        await _host.SendAsync(new RefreshVehicleAttributes());

        _host.Smartcar.ApplicationTokenRequests.Count.ShouldBe(2);
        _host.Smartcar.ApiCalls.ShouldContain("v3 connections sc-user-1 app-token-2");
    }

    [Fact]
    public async Task Concurrent_requests_share_one_application_token_fetch()
    {
        await ConnectAsync("sc-user-1");
        _host.Time.Advance(TimeSpan.FromHours(1)); // the token fetched when connecting has expired
        _host.Smartcar.ApplicationTokenGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var requests = Enumerable.Range(0, 20).Select(_ => _host.SendAsync(new RefreshVehicleAttributes())).ToList();
        await HandlerTestHost.WaitUntilAsync(() => _host.Smartcar.ApplicationTokenRequests.Count > 1);
        _host.Smartcar.ApplicationTokenGate.SetResult();
        var outcomes = await Task.WhenAll(requests);

        _host.Smartcar.ApplicationTokenRequests.Count.ShouldBe(2);
        outcomes.ShouldAllBe(o => o.Complete);
    }

    [Fact]
    public async Task A_token_Smartcar_no_longer_accepts_is_replaced_once_and_the_call_repeated()
    {
        await ConnectAsync("sc-user-1");
        _host.Smartcar.RevokedApplicationTokens.Add("app-token-1");

        (await _host.SendAsync(new RefreshVehicleAttributes())).Complete.ShouldBeTrue();

        _host.Smartcar.ApplicationTokenRequests.Count.ShouldBe(2);
        _host.Smartcar.ApiCalls.ShouldContain("v3 connections sc-user-1 app-token-2");
    }

    [Fact]
    public async Task When_Smartcar_refuses_the_apps_credentials_the_link_is_kept_with_its_cars_not_listed_yet()
    {
        _host.Smartcar.ApplicationTokenFailure = new SmartcarAuthException("invalid_client", "Invalid client_id or client_secret.");
        await ConnectAsync("sc-user-1");

        var connection = (await _host.SendAsync(new GetVehicleAttributes())).Connections.ShouldHaveSingleItem();
        connection.ListedAt.ShouldBeNull();
        var problem = (await _host.SendAsync(new RefreshVehicleAttributes())).Problems.ShouldHaveSingleItem()
            .ShouldBeOfType<SmartcarProblem.ApplicationNotAuthorized>();
        SmartcarErrorMessages.For(problem)
            .ShouldBe("This app could not sign in to Smartcar, so your cars cannot be shown right now. Please try again later.");
        (await _host.QueryDbAsync(db => db.SmartcarUserLinks.CountAsync())).ShouldBe(1);

        _host.Smartcar.ApplicationTokenFailure = null;
        (await _host.SendAsync(new RefreshVehicleAttributes())).Complete.ShouldBeTrue();
        (await _host.SendAsync(new GetVehicleAttributes())).Connections.Single().Vehicles.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_rate_limit_on_refresh_is_said_with_its_wait_and_the_stored_vehicles_stay()
    {
        await ConnectAsync("sc-user-1");
        _host.Smartcar.ApiFailure = new SmartcarApiException(429, "RATE_LIMIT", "VEHICLE", null) { RetryAfter = TimeSpan.FromSeconds(30) };

        var outcome = await _host.SendAsync(new RefreshVehicleAttributes());

        SmartcarErrorMessages.For(outcome.Problems.ShouldHaveSingleItem())
            .ShouldBe("Smartcar is limiting requests right now. Please try again in 30 seconds.");
        var connection = (await _host.SendAsync(new GetVehicleAttributes())).Connections.ShouldHaveSingleItem();
        connection.ReconnectNeeded.ShouldBeFalse();
        connection.Vehicles.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Disconnecting_the_Smartcar_account_removes_it_at_Smartcar_and_forgets_every_link_to_it()
    {
        _host.Smartcar.SmartcarUsers["sc-user-2"] = ["v-2"];
        await ConnectAsync("sc-user-1");
        await ConnectAsync("sc-user-2");
        _host.User.Id = "user-b";
        await ConnectAsync("sc-user-1");
        _host.User.Id = "user-a";

        var outcome = await _host.SendAsync(new DisconnectSmartcarAccount(await LinkIdAsync("sc-user-1")));

        outcome.ShouldBe(new DisconnectSmartcarAccountOutcome.Disconnected());
        CommandMessages.For(outcome).ShouldBe("The Smartcar account and its cars were disconnected.");
        _host.Smartcar.ApiCalls.ShouldContain("v3 delete user sc-user-1 app-token-1");
        // Smartcar purged that user for the whole application: no link to it would list anything any more.
        (await _host.QueryDbAsync(db => db.SmartcarUserLinks.Select(l => l.SmartcarUserId).ToListAsync())).ShouldBe(["sc-user-2"]);
        (await _host.SendAsync(new GetVehicleAttributes())).Connections.ShouldHaveSingleItem().Vehicles.Single().Id.ShouldBe("v-2");
    }

    [Fact]
    public async Task Another_app_users_Smartcar_account_is_not_found_and_stays()
    {
        await ConnectAsync("sc-user-1");
        var linkId = await LinkIdAsync("sc-user-1");
        _host.User.Id = "user-b";

        var outcome = await _host.SendAsync(new DisconnectSmartcarAccount(linkId));

        outcome.ShouldBeOfType<DisconnectSmartcarAccountOutcome.NotFound>();
        _host.Smartcar.ApiCalls.ShouldNotContain(c => c.StartsWith("v3 delete", StringComparison.Ordinal));
        (await _host.QueryDbAsync(db => db.SmartcarUserLinks.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task When_Smartcar_cannot_remove_the_account_the_link_stays_and_the_user_is_told_why()
    {
        await ConnectAsync("sc-user-1");
        _host.Smartcar.ApiFailure = new SmartcarApiException(502, "UPSTREAM", "UNKNOWN_ISSUE", null);

        var outcome = await _host.SendAsync(new DisconnectSmartcarAccount(await LinkIdAsync("sc-user-1")));

        outcome.ShouldBeOfType<DisconnectSmartcarAccountOutcome.Failed>();
        CommandMessages.For(outcome).ShouldBe("Smartcar or the car maker did not answer. Please try again in a few minutes.");
        (await _host.QueryDbAsync(db => db.SmartcarUserLinks.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task An_account_Smartcar_no_longer_knows_is_forgotten_here_too()
    {
        await ConnectAsync("sc-user-1");
        _host.Smartcar.SmartcarUsers.Remove("sc-user-1");

        var outcome = await _host.SendAsync(new DisconnectSmartcarAccount(await LinkIdAsync("sc-user-1")));

        outcome.ShouldBe(new DisconnectSmartcarAccountOutcome.Disconnected());
        (await _host.QueryDbAsync(db => db.SmartcarUserLinks.AnyAsync())).ShouldBeFalse();
    }

    private async Task ConnectAsync(string userId) =>
        (await RedirectAsync(await StartAsync(), userId, _host.Smartcar.IssueCode(userId))).Succeeded.ShouldBeTrue();

    private Task<Guid> LinkIdAsync(string smartcarUserId) =>
        _host.QueryDbAsync(db => db.SmartcarUserLinks.Where(l => l.OwnerId == "user-a" && l.SmartcarUserId == smartcarUserId)
            .Select(l => l.Id).SingleAsync());

    private async Task ShouldHaveLinkedNothingAsync(ConnectOutcome outcome)
    {
        outcome.Failure!.Reason.ShouldBe(ConnectFailureReason.SmartcarUserNotConfirmed);
        (await _host.QueryDbAsync(db => db.SmartcarUserLinks.AnyAsync())).ShouldBeFalse();
        (await _host.QueryDbAsync(db => db.Connections.AnyAsync())).ShouldBeFalse();
    }

    private async Task<string> StartAsync() =>
        (await _host.SendAsync(new StartConnect())).State;

    private Task<ConnectOutcome> RedirectAsync(string state, string? userId, string? code = null) =>
        _host.SendAsync(new HandleRedirect(code, state, null, null) { UserId = userId });

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class ServerSideFlowOnSqlite() : ServerSideFlowTests(DatabaseProvider.Sqlite);

public sealed class ServerSideFlowOnPostgreSql() : ServerSideFlowTests(DatabaseProvider.PostgreSql);
