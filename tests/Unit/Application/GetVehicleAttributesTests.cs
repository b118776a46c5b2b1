using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Application.Vehicles.GetVehicleAttributes;
using SmartcarClean.Application.Vehicles.RefreshVehicleAttributes;
using SmartcarClean.Domain.Vehicles;
using SmartcarClean.Web.Wording;

namespace SmartcarClean.Unit.Application;

public sealed class GetVehicleAttributesTests : IDisposable
{
    private readonly HandlerTestHost _host = new();

    [Fact]
    public async Task Lists_every_vehicle_with_its_make_model_and_year_as_read_with_the_access_token_when_connecting()
    {
        _host.Smartcar.Vehicles["v-2"] = new VehicleAttributes("v-2", "CHEVROLET", "Volt", 2018);
        await _host.ConnectAsync();
        _host.Smartcar.ApiCalls.ShouldContain("attributes v-2 access-1");
        _host.Smartcar.ApiCalls.Clear();

        var overview = await _host.SendAsync(new GetVehicleAttributes());

        var connection = overview.Connections.ShouldHaveSingleItem();
        connection.ReconnectNeeded.ShouldBeFalse();
        connection.Vehicles.Select(v => (v.Id, v.Description!.Make, v.Description.Model, v.Description.Year)).ShouldBe(
            [("v-1", "TESLA", "Model 3", 2021), ("v-2", "CHEVROLET", "Volt", 2018)],
            ignoreOrder: true);
        _host.Smartcar.ApiCalls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Shows_nothing_of_another_users_connections()
    {
        await _host.ConnectAsync();
        _host.User.Id = "user-b";

        var overview = await _host.SendAsync(new GetVehicleAttributes());

        overview.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public async Task A_fresh_access_token_is_used_as_it_is()
    {
        await _host.ConnectAsync();
        _host.Smartcar.ApiCalls.Clear();
        _host.Time.Advance(TimeSpan.FromHours(2) - TokenSet.RefreshSkew - TimeSpan.FromTicks(1));

        await _host.SendAsync(new RefreshVehicleAttributes());

        _host.Smartcar.Refreshes.ShouldBeEmpty();
        _host.Smartcar.ApiCalls.ShouldContain("attributes v-1 access-1");
    }

    [Fact]
    public async Task An_access_token_within_the_skew_of_its_expiry_is_refreshed_and_the_new_pair_kept()
    {
        await _host.ConnectAsync();
        _host.Time.Advance(TimeSpan.FromHours(2) - TokenSet.RefreshSkew);

        (await _host.SendAsync(new RefreshVehicleAttributes())).Complete.ShouldBeTrue();

        _host.Smartcar.Refreshes.ShouldBe(["refresh-1"]);
        _host.Smartcar.ApiCalls.ShouldContain("attributes v-1 access-2");
        var stored = await _host.QueryDbAsync(db => db.Connections.SingleAsync());
        stored.Tokens.AccessToken.ShouldBe("access-2");
        stored.Tokens.RefreshToken.ShouldBe("refresh-2");
        stored.Tokens.AccessTokenExpiresAt.ShouldBe(_host.Time.GetUtcNow().AddHours(2));
        stored.Tokens.RefreshTokenExpiresAt.ShouldBe(_host.Time.GetUtcNow().AddDays(60));
    }

    [Fact]
    public async Task Many_requests_at_once_share_one_refresh()
    {
        await _host.ConnectAsync();
        _host.Smartcar.ApiCalls.Clear();
        _host.Time.Advance(TimeSpan.FromHours(3));
        _host.Smartcar.RefreshGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var requests = Enumerable.Range(0, 20).Select(_ => _host.SendAsync(new RefreshVehicleAttributes())).ToList();
        await HandlerTestHost.WaitUntilAsync(() => _host.Smartcar.Refreshes.Count > 0);
        _host.Smartcar.RefreshGate.SetResult();
        var outcomes = await Task.WhenAll(requests);

        _host.Smartcar.Refreshes.ShouldBe(["refresh-1"]);
        outcomes.ShouldAllBe(o => o.ReconnectNeeded == 0);
        _host.Smartcar.ApiCalls.Where(c => c.StartsWith("attributes", StringComparison.Ordinal)).ShouldAllBe(c => c.EndsWith("access-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_60_days_without_a_refresh_the_connection_needs_a_reconnect_and_smartcar_is_not_asked()
    {
        await _host.ConnectAsync();
        _host.Smartcar.ApiCalls.Clear();
        _host.Time.Advance(TimeSpan.FromDays(60));

        var overview = await _host.SendAsync(new GetVehicleAttributes());

        var connection = overview.Connections.ShouldHaveSingleItem();
        connection.ReconnectNeeded.ShouldBeTrue();
        connection.RenewBy.ShouldBe(_host.Time.GetUtcNow());
        _host.Smartcar.Refreshes.ShouldBeEmpty();
        _host.Smartcar.ApiCalls.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_refused_refresh_needs_a_reconnect_and_is_not_tried_again()
    {
        await _host.ConnectAsync();
        _host.Time.Advance(TimeSpan.FromHours(2));
        _host.Smartcar.RefreshFailure = new SmartcarAuthException("invalid_grant", "Invalid refresh_token");

        (await _host.SendAsync(new RefreshVehicleAttributes())).ReconnectNeeded.ShouldBe(1);
        (await _host.SendAsync(new RefreshVehicleAttributes())).ReconnectNeeded.ShouldBe(1);

        _host.Smartcar.Refreshes.Count.ShouldBe(1);
        (await _host.SendAsync(new GetVehicleAttributes())).Connections[0].ReconnectNeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task A_token_smartcar_no_longer_accepts_marks_the_connection_for_a_reconnect()
    {
        await _host.ConnectAsync();
        _host.Smartcar.ApiFailure = new SmartcarApiException(401, "AUTHENTICATION", null, "Invalid token");

        (await _host.SendAsync(new RefreshVehicleAttributes())).ReconnectNeeded.ShouldBe(1);

        (await _host.SendAsync(new GetVehicleAttributes())).Connections.ShouldHaveSingleItem().ReconnectNeeded.ShouldBeTrue();
        (await _host.QueryDbAsync(db => db.Connections.SingleAsync())).ReconnectNeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Any_other_api_error_is_shown_for_its_connection_which_stays_connected()
    {
        await _host.ConnectAsync();
        _host.Smartcar.ApiFailure = new SmartcarApiException(502, "UPSTREAM", "NO_RESPONSE", "No response")
        {
            SuggestedUserMessage = "Your car's manufacturer did not answer. Please try again later.",
        };

        var outcome = await _host.SendAsync(new RefreshVehicleAttributes());

        SmartcarErrorMessages.For(outcome.Problems.ShouldHaveSingleItem()).ShouldBe("Your car's manufacturer did not answer. Please try again later.");
        var connection = (await _host.SendAsync(new GetVehicleAttributes())).Connections.ShouldHaveSingleItem();
        connection.ReconnectNeeded.ShouldBeFalse();
        connection.Vehicles.ShouldHaveSingleItem().Description.ShouldNotBeNull();
        (await _host.QueryDbAsync(db => db.Connections.SingleAsync())).ReconnectNeeded.ShouldBeFalse();
    }

    [Fact]
    public async Task A_refresh_reads_every_connections_vehicles_at_the_same_time()
    {
        _host.Smartcar.Vehicles["v-2"] = new VehicleAttributes("v-2", "CHEVROLET", "Volt", 2018);
        _host.Smartcar.VehiclesByToken["access-1"] = ["v-1"];
        _host.Smartcar.VehiclesByToken["access-2"] = ["v-2"];
        await _host.ConnectAsync("code-1");
        _host.Smartcar.NextTokens = new TokenResponse("access-2", "refresh-2", 7200);
        await _host.ConnectAsync("code-2");
        _host.Smartcar.ApiCalls.Clear();
        _host.Smartcar.ListGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var refresh = _host.SendAsync(new RefreshVehicleAttributes());
        // Both lists are asked for while neither has answered: one connection does not wait for the other.
        await HandlerTestHost.WaitUntilAsync(() => _host.Smartcar.ApiCalls.Count(c => c.StartsWith("list", StringComparison.Ordinal)) == 2);
        _host.Smartcar.ListGate.SetResult();

        (await refresh).Complete.ShouldBeTrue();
        (await _host.SendAsync(new GetVehicleAttributes())).Connections.SelectMany(c => c.Vehicles).Select(v => v.Id).ShouldBe(["v-1", "v-2"], ignoreOrder: true);
    }

    public void Dispose() => _host.Dispose();
}
