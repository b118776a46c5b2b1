using System.Net;
using SmartcarClean.Emulator.Testing;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.Connect;

/// <summary>How Connect ends: test identities, every Connect error, single select, approval prompt and response_type.</summary>
public sealed class ConnectOutcomeTests : IDisposable
{
    private const string Scopes = "read_vehicle_info read_odometer read_fuel read_battery";
    private readonly EmulatorDriver _driver = new();

    public void Dispose() => _driver.Dispose();

    private static string Authorize(string scope = Scopes, string? extra = null) => AuthorizeUrl(scope: scope, extra: extra);

    [Fact]
    public async Task Any_email_gives_one_vehicle_and_all_requested_scopes()
    {
        var token = await _driver.AccessTokenAsync(Authorize(), "anyone@anything.com");

        var vehicles = await VehicleIdsAsync(token);
        vehicles.Count.ShouldBe(1);
        (await PermissionsAsync(token, vehicles[0])).ShouldBe(["read_vehicle_info", "read_odometer", "read_fuel", "read_battery"]);
    }

    [Fact]
    public async Task N_vehicles_email_gives_N_vehicles()
    {
        var token = await _driver.AccessTokenAsync(Authorize(), "12-vehicles@smartcar.com");

        var page = await JsonAsync(await _driver.GetApiAsync("/v2.0/vehicles?limit=50", token));
        page.GetProperty("paging").GetProperty("count").GetInt32().ShouldBe(12);
    }

    [Theory]
    [InlineData("compatible", new[] { "read_vehicle_info", "read_odometer", "read_fuel", "read_battery" })]
    [InlineData("phev", new[] { "read_vehicle_info", "read_odometer", "read_fuel", "read_battery" })]
    [InlineData("fuel", new[] { "read_vehicle_info", "read_odometer", "read_fuel" })]
    [InlineData("bev", new[] { "read_vehicle_info", "read_odometer", "read_battery" })]
    [InlineData("incompatible", new string[0])]
    public async Task Vin_at_level_email_gives_that_vin_with_the_levels_permissions(string level, string[] granted)
    {
        var token = await _driver.AccessTokenAsync(Authorize(), $"5YJXCDE22HF068739@{level}.smartcar.com");

        var vehicleId = (await VehicleIdsAsync(token)).ShouldHaveSingleItem();
        // Read from the world: an "incompatible" vehicle grants no permission, not even read_vin.
        _driver.Emulator.World.FindVehicle(vehicleId).ShouldNotBeNull().Vin.ShouldBe("5YJXCDE22HF068739");
        (await PermissionsAsync(token, vehicleId)).ShouldBe(granted);
    }

    [Fact]
    public async Task Permissions_page_lists_the_requested_scopes_even_those_the_vehicle_lacks()
    {
        var page = await _driver.PermissionsPageAsync(Authorize(), "5YJXCDE22HF068739@fuel.smartcar.com");

        page.ShouldContain("<li>read_battery</li>");
    }

    [Fact]
    public async Task A_required_scope_the_vehicle_cannot_support_ends_in_vehicle_incompatible()
    {
        var query = await _driver.SignInExpectingRedirectAsync(Authorize("read_vehicle_info required:read_battery"), "5YJXCDE22HF068739@fuel.smartcar.com");

        query["error"].ShouldBe("vehicle_incompatible");
        query["vin"].ShouldBe("5YJXCDE22HF068739");
    }

    [Fact]
    public async Task Successful_request_email_has_smartcars_vin()
    {
        var token = await _driver.AccessTokenAsync(Authorize(), "smartcar@successful-request.com");

        var vehicleId = (await VehicleIdsAsync(token)).ShouldHaveSingleItem();
        _driver.Emulator.World.FindVehicle(vehicleId).ShouldNotBeNull().Vin.ShouldBe("0SCAUDI037A5ADB1C");
    }

    [Fact]
    public async Task Vehicle_incompatible_email_redirects_with_the_vehicle()
    {
        var query = await _driver.SignInExpectingRedirectAsync(Authorize(), "smartcar@vehicle-incompatible.com");

        query["error"].ShouldBe("vehicle_incompatible");
        query["error_description"].ShouldBe("The user’s vehicle is not compatible.");
        query["vin"].ShouldBe("0SCAUDI012FE3B132");
        query["make"].ShouldBe("TESLA");
        query["model"].ShouldBe("Model 3");
        query["year"].ShouldBe("2021");
        query["state"].ShouldBe("state-123");
        query.ShouldNotContainKey("code");
    }

    [Theory]
    [InlineData("smartcar@invalid-subscription.com", "invalid_subscription", "User does not have an active connected vehicle subscription.")]
    [InlineData("0-vehicles@smartcar.com", "no_vehicles", "No vehicles found. Please add vehicles to your account and try again.")]
    [InlineData("smartcar@server-error.com", "server_error", "Unexpected server error. Please try again.")]
    public async Task Error_emails_redirect_with_the_documented_error(string email, string error, string description)
    {
        var query = await _driver.SignInExpectingRedirectAsync(Authorize(), email);

        query["error"].ShouldBe(error);
        query["error_description"].ShouldBe(description);
        query["state"].ShouldBe("state-123");
        query.Keys.ShouldBe(["error", "error_description", "state"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_connect_error_ends_the_session()
    {
        var signIn = await _driver.SignInAsync(Authorize(), "smartcar@invalid-subscription.com");
        var sessionId = _driver.Emulator.Requests.Last(r => r.Path.EndsWith("/login", StringComparison.Ordinal)).Path.Split('/')[2];

        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await _driver.Http.GetAsync($"/connect/{sessionId}/permissions")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Deny_ends_in_access_denied()
    {
        var query = QueryOf(await _driver.ConnectAsync(allow: false));

        query["error"].ShouldBe("access_denied");
        query["error_description"].ShouldBe("User denied access to application.");
    }

    [Fact]
    public async Task Test_mode_vin_with_single_select_in_live_mode_is_a_configuration_error_page()
    {
        var url = Authorize(extra: "single_select=true&single_select_vin=0SCAUDI037A5ADB1C").Replace("mode=test", "mode=live", StringComparison.Ordinal);

        var page = await _driver.BadRequestPageAsync(url);

        page.ShouldContain("You have entered a test mode VIN. Please enter a VIN that belongs to a real vehicle.");
        var query = QueryOf(new Uri(ReturnLink(page)));
        query["error"].ShouldBe("configuration_error");
        query["error_description"].ShouldBe("There has been an error in the configuration of your application.");
        query["status_code"].ShouldBe("400");
        query["error_message"].ShouldBe("You have entered a test mode VIN. Please enter a VIN that belongs to a real vehicle.");
        query["state"].ShouldBe("state-123");
    }

    [Fact]
    public async Task Single_select_grants_only_the_first_vehicle()
    {
        var token = await _driver.AccessTokenAsync(Authorize(extra: "single_select=true"), "3-vehicles@smartcar.com");

        var user = _driver.Emulator.World.FindUserByEmail("3-vehicles@smartcar.com")!;
        (await VehicleIdsAsync(token)).ShouldBe([user.Vehicles[0].Id]);
    }

    [Fact]
    public async Task Single_select_vin_grants_that_vehicle()
    {
        await _driver.AccessTokenAsync(Authorize(), "3-vehicles@smartcar.com");
        var third = _driver.Emulator.World.FindUserByEmail("3-vehicles@smartcar.com")!.Vehicles[2];

        var permissions = await _driver.PermissionsPageAsync(
            Authorize(extra: $"approval_prompt=force&single_select=true&single_select_vin={third.Vin}"), "3-vehicles@smartcar.com");

        permissions.ShouldContain($"<ul id=\"vehicle-list\"><li>{third.Make} {third.Model} {third.Year}</li></ul>");
    }

    [Fact]
    public async Task Single_select_vin_not_in_the_account_is_a_configuration_error_page()
    {
        var signIn = await _driver.SignInAsync(Authorize(extra: "single_select=true&single_select_vin=1HGCM82633A004352"), "someone@example.com");

        signIn.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        signIn.Headers.Location.ShouldBeNull();
        var query = QueryOf(new Uri(ReturnLink(await signIn.Content.ReadAsStringAsync())));
        query["error"].ShouldBe("configuration_error");
        query["status_code"].ShouldBe("400");
        query["error_message"].ShouldContain("1HGCM82633A004352");
    }

    [Fact]
    public async Task Approval_prompt_auto_skips_the_permissions_page_when_the_same_scopes_were_granted()
    {
        await _driver.ConnectAsync("returning@example.com");

        var query = await _driver.SignInExpectingRedirectAsync(AuthorizeUrl(), "returning@example.com");

        query.ShouldContainKey("code");
        query["state"].ShouldBe("state-123");
    }

    [Fact]
    public async Task Approval_prompt_auto_shows_the_permissions_page_for_other_scopes_or_another_application()
    {
        await _driver.ConnectAsync("returning@example.com");

        await _driver.PermissionsPageAsync(AuthorizeUrl(scope: "read_vehicle_info"), "returning@example.com");
        await _driver.PermissionsPageAsync(AuthorizeUrl(clientId: OtherClientId, redirectUri: OtherRedirectUri), "returning@example.com");
    }

    [Fact]
    public async Task Approval_prompt_force_always_shows_the_permissions_page()
    {
        await _driver.ConnectAsync("returning@example.com");

        await _driver.PermissionsPageAsync(AuthorizeUrl(extra: "approval_prompt=force"), "returning@example.com");
    }

    [Fact]
    public async Task Response_type_none_redirects_with_user_id_and_state_only()
    {
        var url = AuthorizeUrl().Replace("response_type=code", "response_type=none", StringComparison.Ordinal);

        var location = await _driver.ConnectAsync("server-side@example.com", authorizeUrl: url);

        var query = QueryOf(location);
        query.Keys.ShouldBe(["user_id", "state"], ignoreOrder: true);
        var grant = _driver.Emulator.World.FindGrant(ClientId, query["user_id"]).ShouldNotBeNull();
        grant.Scopes.ShouldBe(["read_vehicle_info", "read_odometer"]);
        _driver.Emulator.IssuedTokens.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_grant_records_the_granted_scopes_and_vehicles()
    {
        var location = await _driver.ConnectAsync("5YJXCDE22HF068739@bev.smartcar.com", authorizeUrl: Authorize());

        var grant = _driver.Emulator.World.FindGrant(ClientId, QueryOf(location)["user_id"]).ShouldNotBeNull();
        grant.Scopes.ShouldBe(["read_vehicle_info", "read_odometer", "read_battery"]);
        grant.Vehicles.ShouldHaveSingleItem().Vin.ShouldBe("5YJXCDE22HF068739");
        grant.Mode.ShouldBe("test");
    }

    private async Task<List<string>> VehicleIdsAsync(string token) =>
        [.. (await JsonAsync(await _driver.GetApiAsync("/v2.0/vehicles", token))).GetProperty("vehicles").EnumerateArray().Select(v => v.GetString()!)];

    private async Task<List<string>> PermissionsAsync(string token, string vehicleId) =>
        [.. (await JsonAsync(await _driver.GetApiAsync($"/v2.0/vehicles/{vehicleId}/permissions", token)))
            .GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!)];

    private static string ReturnLink(string html) =>
        WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "<a id=\"return-to-app\" href=\"([^\"]+)\"").Groups[1].Value);
}
