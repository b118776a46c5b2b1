using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Connect.HandleRedirect;
using SmartcarClean.Application.Connect.StartConnect;
using SmartcarClean.Application.Options;
using SmartcarClean.Domain.Connect;

namespace SmartcarClean.Unit.Application;

public abstract class StartConnectTests(DatabaseProvider engine) : IDisposable
{
    private readonly HandlerTestHost _host = new(engine);

    [Fact]
    public async Task Builds_the_connect_url_from_configuration_with_a_fresh_state()
    {
        var url = (await _host.SendAsync(new StartConnect())).Url;

        url.GetLeftPart(UriPartial.Path).ShouldBe("http://connect.example/oauth/authorize");
        var query = QueryHelpers.ParseQuery(url.Query);
        query["response_type"].ToString().ShouldBe("code");
        query["client_id"].ToString().ShouldBe("client-123");
        query["redirect_uri"].ToString().ShouldBe(HandlerTestHost.RedirectUri);
        query["scope"].ToString().ShouldBe("read_vehicle_info required:read_odometer");
        query["mode"].ToString().ShouldBe("test");
        query["approval_prompt"].ToString().ShouldBe("auto");
        query["state"].ToString().Length.ShouldBeGreaterThanOrEqualTo(22);
    }

    [Fact]
    public async Task Binds_the_state_to_the_user_and_session_that_asked_and_to_the_redirect_uri()
    {
        var url = (await _host.SendAsync(new StartConnect())).Url;
        var state = QueryHelpers.ParseQuery(url.Query)["state"].ToString();

        var attempt = await _host.QueryDbAsync(db => db.ConnectAttempts.SingleAsync());
        attempt.State.ShouldBe(state);
        attempt.OwnerId.ShouldBe("user-a");
        attempt.SessionId.ShouldBe("session-a");
        attempt.RedirectUri.ShouldBe(HandlerTestHost.RedirectUri);
        attempt.ExpiresAt.ShouldBe(_host.Time.GetUtcNow().AddMinutes(10));
    }

    [Fact]
    public async Task Each_start_gets_its_own_state()
    {
        var first = (await _host.SendAsync(new StartConnect())).Url;
        var second = (await _host.SendAsync(new StartConnect())).Url;

        QueryHelpers.ParseQuery(first.Query)["state"].ShouldNotBe(QueryHelpers.ParseQuery(second.Query)["state"]);
    }

    [Fact]
    public async Task Connecting_again_for_a_missing_permission_asks_for_it_as_required_and_always_shows_the_prompt()
    {
        _host.Options.Scopes.Add("control_security");

        var url = (await _host.SendAsync(new StartConnect { Permission = "control_security", Make = "TESLA" })).Url;

        var query = QueryHelpers.ParseQuery(url.Query);
        query["scope"].ToString().ShouldBe("read_vehicle_info required:read_odometer required:control_security");
        query["approval_prompt"].ToString().ShouldBe("force");
        query["make"].ToString().ShouldBe("TESLA");
    }

    [Theory]
    [InlineData("control_security; drop table")]
    [InlineData("write_everything")]
    [InlineData("")]
    public async Task A_permission_that_is_not_a_Smartcar_permission_name_is_a_validation_error(string permission)
    {
        await Should.ThrowAsync<FluentValidation.ValidationException>(() => _host.SendAsync(new StartConnect { Permission = permission }));
    }

    [Fact]
    public async Task Forcing_the_approval_prompt_sends_force()
    {
        var url = (await _host.SendAsync(new StartConnect(ForceApprovalPrompt: true))).Url;

        QueryHelpers.ParseQuery(url.Query)["approval_prompt"].ToString().ShouldBe("force");
    }

    [Fact]
    public async Task Without_a_configured_redirect_uri_none_is_sent_and_smartcar_uses_the_default()
    {
        _host.Options.RedirectUri = string.Empty;

        var url = (await _host.SendAsync(new StartConnect())).Url;

        QueryHelpers.ParseQuery(url.Query).ContainsKey("redirect_uri").ShouldBeFalse();
        (await _host.QueryDbAsync(db => db.ConnectAttempts.SingleAsync())).RedirectUri.ShouldBeNull();
    }

    [Fact]
    public async Task The_users_choices_reach_connect()
    {
        _host.Options.AllowedModes.Add("test");
        _host.Options.AllowedModes.Add("simulated");

        var url = (await _host.SendAsync(new StartConnect(ForceApprovalPrompt: true) { Make = "tesla", SingleSelectVin = "5yjxcde22hf068739", Mode = "simulated" })).Url;

        var query = QueryHelpers.ParseQuery(url.Query);
        query["make"].ToString().ShouldBe("TESLA");
        query["single_select"].ToString().ShouldBe("true");
        query["single_select_vin"].ToString().ShouldBe("5YJXCDE22HF068739");
        query["mode"].ToString().ShouldBe("simulated");
        query["approval_prompt"].ToString().ShouldBe("force");
    }

    [Fact]
    public async Task Without_choices_no_optional_parameter_is_sent()
    {
        var url = (await _host.SendAsync(new StartConnect() { Make = "", SingleSelectVin = "" })).Url;

        var query = QueryHelpers.ParseQuery(url.Query);
        query.Keys.ShouldBe(["response_type", "client_id", "redirect_uri", "scope", "state", "mode", "approval_prompt"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("TES LA", null, null, "Make")]
    [InlineData(null, "123", null, "SingleSelectVin")]
    [InlineData(null, "5YJXCDE22HF06873I", null, "SingleSelectVin")]
    [InlineData(null, null, "production", "Mode")]
    public async Task Choices_smartcar_would_refuse_are_field_errors_and_start_nothing(string? make, string? vin, string? mode, string field)
    {
        var exception = await Should.ThrowAsync<FluentValidation.ValidationException>(
            () => _host.SendAsync(new StartConnect() { Make = make, SingleSelectVin = vin, Mode = mode }));

        exception.Errors.ShouldContain(e => e.PropertyName == field);
        (await _host.QueryDbAsync(db => db.ConnectAttempts.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task In_a_popup_connect_returns_to_the_javascript_sdk_page_and_the_attempt_keeps_that_redirect_uri()
    {
        _host.Options.PopupRedirectUri = HandlerTestHost.PopupRedirectUri;
        _host.Options.JavaScriptSdkBaseUrl = new Uri("http://127.0.0.1:8010/");

        var link = await _host.SendAsync(new StartConnect() { InPopup = true });

        var query = QueryHelpers.ParseQuery(link.Url.Query);
        query["redirect_uri"].ToString().ShouldBe(HandlerTestHost.PopupRedirectUri);
        query["state"].ToString().ShouldBe(link.State);
        // The only origin whose message the page may accept: the configured redirect page's, without a path.
        link.RedirectPageOrigin.ShouldBe("http://127.0.0.1:8010");
        var attempt = await _host.QueryDbAsync(db => db.ConnectAttempts.SingleAsync());
        attempt.State.ShouldBe(link.State);
        attempt.RedirectUri.ShouldBe(HandlerTestHost.PopupRedirectUri);
        attempt.SessionId.ShouldBe("session-a");
    }

    [Fact]
    public async Task In_the_page_there_is_no_redirect_page_origin_to_trust()
    {
        _host.Options.PopupRedirectUri = HandlerTestHost.PopupRedirectUri;

        var link = await _host.SendAsync(new StartConnect());

        link.RedirectPageOrigin.ShouldBeNull();
        QueryHelpers.ParseQuery(link.Url.Query)["redirect_uri"].ToString().ShouldBe(HandlerTestHost.RedirectUri);
    }

    [Fact]
    public async Task A_popup_without_a_configured_redirect_page_is_a_validation_error_and_starts_nothing()
    {
        var exception = await Should.ThrowAsync<FluentValidation.ValidationException>(
            () => _host.SendAsync(new StartConnect() { InPopup = true }));

        exception.Errors.ShouldContain(e => e.PropertyName == "InPopup");
        (await _host.QueryDbAsync(db => db.ConnectAttempts.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [InlineData("simulated")]
    [InlineData("live")]
    public async Task A_mode_the_configuration_does_not_allow_is_a_field_error_and_starts_nothing(string mode)
    {
        // The configured mode is test, and no other is allowed.
        var exception = await Should.ThrowAsync<FluentValidation.ValidationException>(
            () => _host.SendAsync(new StartConnect() { Mode = mode }));

        exception.Errors.ShouldContain(e => e.PropertyName == "Mode" && e.ErrorMessage == "This app connects cars in test mode only.");
        (await _host.QueryDbAsync(db => db.ConnectAttempts.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Any_mode_the_configuration_allows_can_be_chosen()
    {
        _host.Options.AllowedModes.Add("test");
        _host.Options.AllowedModes.Add("simulated");

        var url = (await _host.SendAsync(new StartConnect() { Mode = "simulated" })).Url;

        QueryHelpers.ParseQuery(url.Query)["mode"].ToString().ShouldBe("simulated");
        var refused = await Should.ThrowAsync<FluentValidation.ValidationException>(() => _host.SendAsync(new StartConnect() { Mode = "live" }));
        refused.Errors.ShouldContain(e => e.ErrorMessage == "This app connects cars in test or simulated mode only.");
    }

    [Fact]
    public async Task Three_hundred_starts_leave_only_the_sessions_newest_five_open_attempts_and_those_still_work()
    {
        var states = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            states.Add((await _host.SendAsync(new StartConnect())).State);
            _host.Time.Advance(TimeSpan.FromSeconds(1));
        }

        (await StoredStatesAsync()).ShouldBe(states[^5..], ignoreOrder: true);
        // A user with several tabs open: the oldest of the five still finishes.
        (await _host.SendAsync(new HandleRedirect("code-1", states[^5], null, null))).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Each_session_keeps_its_own_open_attempts()
    {
        for (var i = 0; i < 5; i++)
        {
            await _host.SendAsync(new StartConnect());
        }

        _host.User.SessionId = "session-b";
        await _host.SendAsync(new StartConnect());

        (await _host.QueryDbAsync(db => db.ConnectAttempts.CountAsync(a => a.SessionId == "session-a"))).ShouldBe(5);
    }

    [Fact]
    public async Task Starting_connect_forgets_the_users_used_and_expired_attempts()
    {
        await _host.ConnectAsync();
        await _host.SendAsync(new StartConnect());
        _host.Time.Advance(ConnectAttempt.Lifetime);

        var open = (await _host.SendAsync(new StartConnect())).State;

        (await StoredStatesAsync()).ShouldBe([open]);
    }

    [Fact]
    public async Task Anyones_attempts_expired_more_than_a_day_ago_go_and_other_users_recent_ones_stay()
    {
        // A user who never came back, and another whose attempt has just expired.
        _host.User.Id = "user-c";
        await _host.SendAsync(new StartConnect());
        _host.Time.Advance(ConnectAttempt.Lifetime + TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        _host.User.Id = "user-b";
        var expiredJustNow = (await _host.SendAsync(new StartConnect())).State;
        _host.Time.Advance(ConnectAttempt.Lifetime);

        _host.User.Id = "user-a";
        var mine = (await _host.SendAsync(new StartConnect())).State;

        (await StoredStatesAsync()).ShouldBe([expiredJustNow, mine], ignoreOrder: true);
    }

    private Task<List<string>> StoredStatesAsync() => _host.QueryDbAsync(db => db.ConnectAttempts.Select(a => a.State).ToListAsync());

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class StartConnectOnSqlite() : StartConnectTests(DatabaseProvider.Sqlite);

public sealed class StartConnectOnPostgreSql() : StartConnectTests(DatabaseProvider.PostgreSql);
