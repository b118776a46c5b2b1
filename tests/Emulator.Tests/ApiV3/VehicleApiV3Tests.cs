using System.Net;
using System.Text.Json;
using SmartcarClean.Emulator.Steering.Faults;
using SmartcarClean.Emulator.Testing;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.ApiV3;

public sealed class VehicleApiV3Tests : IDisposable
{
    private readonly EmulatorDriver _driver = new();

    public void Dispose() => _driver.Dispose();

    [Fact]
    public async Task Connections_list_the_apps_grants_in_json_api_form()
    {
        var (userId, vehicleId) = await ConnectAsync();
        var appToken = await _driver.ApplicationTokenAsync();

        var body = await GetAsync("/v3/connections", appToken);

        var connection = body.GetProperty("data").EnumerateArray().Single();
        connection.GetProperty("type").GetString().ShouldBe("connection");
        Guid.TryParse(connection.GetProperty("id").GetString(), out _).ShouldBeTrue();
        var attributes = connection.GetProperty("attributes");
        attributes.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldBe(AllScopes.Split(' '));
        var vehicle = attributes.GetProperty("vehicle");
        vehicle.GetProperty("make").GetString().ShouldBe("TESLA");
        vehicle.GetProperty("model").GetString().ShouldBe("Model 3");
        vehicle.GetProperty("year").GetInt32().ShouldBe(2021);
        vehicle.GetProperty("mode").GetString().ShouldBe("test");
        vehicle.GetProperty("powertrainType").GetString().ShouldBe("BEV");
        var relationships = connection.GetProperty("relationships");
        relationships.GetProperty("vehicle").GetProperty("data").GetProperty("id").GetString().ShouldBe(vehicleId);
        relationships.GetProperty("vehicle").GetProperty("data").GetProperty("type").GetString().ShouldBe("vehicle");
        relationships.GetProperty("user").GetProperty("data").GetProperty("id").GetString().ShouldBe(userId);
        relationships.GetProperty("user").GetProperty("data").GetProperty("type").GetString().ShouldBe("user");
        connection.GetProperty("meta").GetProperty("createdAt").GetString().ShouldBe("2026-01-15T09:00:00.000Z");
        connection.GetProperty("meta").GetProperty("updatedAt").GetString().ShouldNotBeNull();
        body.GetProperty("meta").GetProperty("totalCount").GetInt32().ShouldBe(1);
        body.GetProperty("links").GetProperty("self").GetString().ShouldNotBeNull();
    }

    [Fact]
    public async Task Connections_are_filtered_by_user_and_by_application()
    {
        var (me, _) = await ConnectAsync("me@example.com");
        var (them, _) = await ConnectAsync("them@example.com");
        var appToken = await _driver.ApplicationTokenAsync();

        (await GetAsync("/v3/connections", appToken)).GetProperty("data").GetArrayLength().ShouldBe(2);
        UserIds(await GetAsync("/v3/connections", appToken, userId: me)).ShouldBe([me]);
        UserIds(await GetAsync($"/v3/connections?filter%5Buser_id%5D={them}", appToken)).ShouldBe([them]);

        var otherApp = await _driver.ApplicationTokenAsync(OtherClientId, OtherClientSecret);
        (await GetAsync("/v3/connections", otherApp)).GetProperty("data").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Connections_page_with_page_size_and_number()
    {
        await ConnectAsync("25-vehicles@smartcar.com");
        var appToken = await _driver.ApplicationTokenAsync();

        var last = await GetAsync("/v3/connections?page[size]=10&page[number]=3", appToken);

        last.GetProperty("data").GetArrayLength().ShouldBe(5);
        last.GetProperty("meta").GetProperty("page").GetInt32().ShouldBe(3);
        last.GetProperty("meta").GetProperty("pageSize").GetInt32().ShouldBe(10);
        last.GetProperty("meta").GetProperty("totalCount").GetInt32().ShouldBe(25);
        last.GetProperty("links").GetProperty("next").ValueKind.ShouldBe(JsonValueKind.Null);
        last.GetProperty("links").GetProperty("previous").GetString().ShouldBe("/connections?page[number]=2&page[size]=10");

        var bad = await _driver.SendApiAsync(HttpMethod.Get, "/v3/connections?page[size]=zero", appToken);
        await ShouldBeV3Error(bad, HttpStatusCode.BadRequest, "VALIDATION", "INVALID_PARAMETER");
    }

    [Fact]
    public async Task Connection_by_id_and_unknown_connection()
    {
        await ConnectAsync();
        var appToken = await _driver.ApplicationTokenAsync();
        var id = (await GetAsync("/v3/connections", appToken)).GetProperty("data")[0].GetProperty("id").GetString();

        (await GetAsync($"/v3/connections/{id}", appToken)).GetProperty("data").GetProperty("id").GetString().ShouldBe(id);

        var otherApp = await _driver.ApplicationTokenAsync(OtherClientId, OtherClientSecret);
        await ShouldBeV3Error(await _driver.SendApiAsync(HttpMethod.Get, $"/v3/connections/{id}", otherApp),
            HttpStatusCode.NotFound, "RESOURCE_NOT_FOUND", "CONNECTION_NOT_FOUND");
    }

    [Fact]
    public async Task Vehicle_is_wrapped_in_data_with_and_without_trailing_slash()
    {
        var (_, vehicleId) = await ConnectAsync();
        var appToken = await _driver.ApplicationTokenAsync();

        foreach (var path in new[] { $"/v3/vehicles/{vehicleId}", $"/v3/vehicles/{vehicleId}/" })
        {
            var data = (await GetAsync(path, appToken)).GetProperty("data");
            data.GetProperty("id").GetString().ShouldBe(vehicleId);
            data.GetProperty("type").GetString().ShouldBe("vehicle");
            data.GetProperty("attributes").GetProperty("make").GetString().ShouldBe("TESLA");
            data.GetProperty("attributes").GetProperty("powertrainType").GetString().ShouldBe("BEV");
            data.GetProperty("attributes").GetProperty("mode").GetString().ShouldBe("test");
            data.GetProperty("links").GetProperty("self").GetString().ShouldBe($"/vehicles/{vehicleId}");
        }
    }

    [Fact]
    public async Task Signals_list_the_handful_of_signals_with_the_same_values_as_v2()
    {
        var (userId, vehicleId) = await ConnectAsync();
        var appToken = await _driver.ApplicationTokenAsync();
        var state = _driver.Emulator.World.VehicleStateOf(vehicleId);

        var body = await GetAsync($"/v3/vehicles/{vehicleId}/signals", appToken, userId);

        var signals = body.GetProperty("data").EnumerateArray().ToDictionary(s => s.GetProperty("attributes").GetProperty("code").GetString()!);
        signals.Keys.ShouldBe(["odometer-traveleddistance", "tractionbattery-stateofcharge", "tractionbattery-range", "vehicleidentification-vin",
            "location-preciselocation", "closure-islocked", "charge-activelimit", "charge-ischarging", "charge-ischargingcableconnected",
            "internalcombustionengine-fuellevel", "internalcombustionengine-range"], ignoreOrder: true);
        var odometer = signals["odometer-traveleddistance"];
        odometer.GetProperty("type").GetString().ShouldBe("signal");
        odometer.GetProperty("attributes").GetProperty("group").GetString().ShouldBe("Odometer");
        odometer.GetProperty("attributes").GetProperty("status").GetProperty("value").GetString().ShouldBe("SUCCESS");
        odometer.GetProperty("attributes").GetProperty("body").GetProperty("unit").GetString().ShouldBe("km");
        odometer.GetProperty("attributes").GetProperty("body").GetProperty("value").GetDouble().ShouldBe(state.OdometerKm);
        odometer.GetProperty("meta").GetProperty("retrievedAt").GetString().ShouldNotBeNull();
        signals["location-preciselocation"].GetProperty("attributes").GetProperty("body").GetProperty("latitude").GetDouble().ShouldBe(state.Latitude);
        double Value(string code) => signals[code].GetProperty("attributes").GetProperty("body").GetProperty("value").GetDouble();
        bool Flag(string code) => signals[code].GetProperty("attributes").GetProperty("body").GetProperty("value").GetBoolean();
        Value("tractionbattery-range").ShouldBe(state.BatteryRangeKm);
        Value("internalcombustionengine-fuellevel").ShouldBe(Math.Round(state.FuelPercentRemaining * 100, 1));
        Value("internalcombustionengine-range").ShouldBe(state.FuelRangeKm);
        Flag("charge-ischarging").ShouldBe(state.ChargeState == "CHARGING");
        Flag("charge-ischargingcableconnected").ShouldBe(state.IsPluggedIn);
        signals.Values.ShouldAllBe(s => s.GetProperty("meta").GetProperty("oemUpdatedAt").GetString() == "2026-01-15T09:00:00.000Z");
        body.GetProperty("meta").GetProperty("totalCount").GetInt32().ShouldBe(11);
        body.GetProperty("included").GetProperty("vehicle").GetProperty("id").GetString().ShouldBe(vehicleId);
    }

    [Fact]
    public async Task An_error_fault_queued_for_one_signal_fails_that_signal_inside_the_list_and_the_others_answer()
    {
        var (userId, vehicleId) = await ConnectAsync();
        var appToken = await _driver.ApplicationTokenAsync();
        _driver.Emulator.FailNext("GET", "/v3/vehicles/*/signals/odometer-traveleddistance", Fault.VehicleState("ASLEEP"));

        var response = await _driver.SendApiAsync(HttpMethod.Get, $"/v3/vehicles/{vehicleId}/signals", appToken, userId: userId);
        var again = await GetAsync($"/v3/vehicles/{vehicleId}/signals", appToken, userId);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, "a signal failing does not fail the call");
        var signals = (await JsonAsync(response)).GetProperty("data").EnumerateArray()
            .ToDictionary(s => s.GetProperty("attributes").GetProperty("code").GetString()!, s => s.GetProperty("attributes"));
        var odometer = signals["odometer-traveleddistance"];
        odometer.GetProperty("status").GetProperty("value").GetString().ShouldBe("ERROR");
        odometer.GetProperty("status").GetProperty("error").GetProperty("type").GetString().ShouldBe("VEHICLE_STATE");
        odometer.GetProperty("status").GetProperty("error").GetProperty("code").GetString().ShouldBe("ASLEEP");
        odometer.TryGetProperty("body", out _).ShouldBeFalse();
        signals["closure-islocked"].GetProperty("status").GetProperty("value").GetString().ShouldBe("SUCCESS");
        again.GetProperty("data").EnumerateArray().ShouldAllBe(
            s => s.GetProperty("attributes").GetProperty("status").GetProperty("value").GetString() == "SUCCESS", "the fault answered once");
    }

    [Fact]
    public async Task Single_signal_follows_the_unit_system_and_unknown_codes_are_404()
    {
        var (userId, vehicleId) = await ConnectAsync();
        var appToken = await _driver.ApplicationTokenAsync();

        var response = await _driver.SendApiAsync(HttpMethod.Get, $"/v3/vehicles/{vehicleId}/signals/odometer-traveleddistance", appToken,
            unitSystem: "imperial", userId: userId);
        var data = (await JsonAsync(response)).GetProperty("data");
        data.GetProperty("attributes").GetProperty("code").GetString().ShouldBe("odometer-traveleddistance");
        data.GetProperty("attributes").GetProperty("body").GetProperty("unit").GetString().ShouldBe("miles");

        var vin = await GetAsync($"/v3/vehicles/{vehicleId}/signals/vehicleidentification-vin", appToken, userId);
        vin.GetProperty("data").GetProperty("attributes").GetProperty("body").GetProperty("value").GetString()!.Length.ShouldBe(17);

        await ShouldBeV3Error(await _driver.SendApiAsync(HttpMethod.Get, $"/v3/vehicles/{vehicleId}/signals/charge-voltage", appToken, userId: userId),
            HttpStatusCode.NotFound, "RESOURCE_NOT_FOUND", "SIGNAL_NOT_FOUND");
    }

    [Fact]
    public async Task Lock_and_unlock_commands_change_the_lock_state_v2_reads()
    {
        var (userId, vehicleId) = await ConnectAsync();
        var accessToken = (await _driver.ConnectWithScopesAsync(AllScopes)).AccessToken;
        var appToken = await _driver.ApplicationTokenAsync();

        var lockResponse = await _driver.SendApiAsync(HttpMethod.Post, $"/v3/vehicles/{vehicleId}/commands/security/lock", appToken, userId: userId);
        lockResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        var execution = (await JsonAsync(lockResponse)).GetProperty("data");
        execution.GetProperty("type").GetString().ShouldBe("command-execution");
        execution.GetProperty("attributes").GetProperty("commandType").GetString().ShouldBe("security-lock");
        execution.GetProperty("attributes").GetProperty("status").GetProperty("value").GetString().ShouldBe("SUCCESS");
        await ShouldBeLocked(accessToken, vehicleId, appToken, userId, true);

        (await _driver.SendApiAsync(HttpMethod.Post, $"/v3/vehicles/{vehicleId}/commands/security/unlock", appToken, userId: userId))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldBeLocked(accessToken, vehicleId, appToken, userId, false);

        await _driver.SendApiAsync(HttpMethod.Post, $"/v2.0/vehicles/{vehicleId}/security", accessToken, """{"action":"LOCK"}""");
        await ShouldBeLocked(accessToken, vehicleId, appToken, userId, true);
    }

    [Theory]
    [InlineData("GET", "signals")]
    [InlineData("GET", "signals/odometer-traveleddistance")]
    [InlineData("POST", "commands/security/lock")]
    public async Task Signals_and_commands_need_sc_user_id(string method, string path)
    {
        var (_, vehicleId) = await ConnectAsync();
        var appToken = await _driver.ApplicationTokenAsync();

        var response = await _driver.SendApiAsync(new HttpMethod(method), $"/v3/vehicles/{vehicleId}/{path}", appToken);

        await ShouldBeV3Error(response, HttpStatusCode.BadRequest, "VALIDATION", "MISSING_PARAMETER");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task Missing_or_unknown_app_token_is_401(string? token)
    {
        await ShouldBeV3Error(await _driver.SendApiAsync(HttpMethod.Get, "/v3/connections", token),
            HttpStatusCode.Unauthorized, "AUTHENTICATION", "UNAUTHORIZED");
    }

    [Fact]
    public async Task Expired_app_token_and_vehicle_owner_token_are_401()
    {
        var tokens = await _driver.ConnectWithScopesAsync(AllScopes);
        await ShouldBeV3Error(await _driver.SendApiAsync(HttpMethod.Get, "/v3/connections", tokens.AccessToken),
            HttpStatusCode.Unauthorized, "AUTHENTICATION", "UNAUTHORIZED");

        var appToken = await _driver.ApplicationTokenAsync();
        _driver.Clock.Advance(TimeSpan.FromHours(1));
        await ShouldBeV3Error(await _driver.SendApiAsync(HttpMethod.Get, "/v3/connections", appToken),
            HttpStatusCode.Unauthorized, "AUTHENTICATION", "UNAUTHORIZED");
    }

    [Fact]
    public async Task Unknown_vehicle_and_unknown_path_are_404()
    {
        var (userId, vehicleId) = await ConnectAsync();
        var appToken = await _driver.ApplicationTokenAsync();

        await ShouldBeV3Error(await _driver.SendApiAsync(HttpMethod.Get, "/v3/vehicles/no-such-vehicle", appToken),
            HttpStatusCode.NotFound, "RESOURCE_NOT_FOUND", "VEHICLE_NOT_FOUND");
        await ShouldBeV3Error(await _driver.SendApiAsync(HttpMethod.Get, $"/v3/vehicles/{vehicleId}/battery", appToken, userId: userId),
            HttpStatusCode.NotFound, "RESOURCE_NOT_FOUND", "INVALID_PATH");
    }

    [Fact]
    public async Task Vehicle_not_connected_to_that_user_or_app_is_403()
    {
        var (me, _) = await ConnectAsync("me@example.com");
        var (them, theirVehicle) = await ConnectAsync("them@example.com");
        var appToken = await _driver.ApplicationTokenAsync();
        var otherApp = await _driver.ApplicationTokenAsync(OtherClientId, OtherClientSecret);

        await ShouldBeV3Error(await _driver.SendApiAsync(HttpMethod.Get, $"/v3/vehicles/{theirVehicle}/signals", appToken, userId: me),
            HttpStatusCode.Forbidden, "AUTHENTICATION", "ACCESS_DENIED");
        await ShouldBeV3Error(await _driver.SendApiAsync(HttpMethod.Get, $"/v3/vehicles/{theirVehicle}", otherApp),
            HttpStatusCode.Forbidden, "AUTHENTICATION", "ACCESS_DENIED");
        (await _driver.SendApiAsync(HttpMethod.Get, $"/v3/vehicles/{theirVehicle}/signals", appToken, userId: them))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Disconnected_vehicle_leaves_the_connections_and_is_403()
    {
        var (userId, vehicleId) = await ConnectAsync();
        var accessToken = (await _driver.ConnectWithScopesAsync(AllScopes)).AccessToken;
        var appToken = await _driver.ApplicationTokenAsync();

        await _driver.SendApiAsync(HttpMethod.Delete, $"/v2.0/vehicles/{vehicleId}/application", accessToken);

        (await GetAsync("/v3/connections", appToken)).GetProperty("data").GetArrayLength().ShouldBe(0);
        await ShouldBeV3Error(await _driver.SendApiAsync(HttpMethod.Get, $"/v3/vehicles/{vehicleId}/signals", appToken, userId: userId),
            HttpStatusCode.Forbidden, "AUTHENTICATION", "ACCESS_DENIED");
    }

    /// <summary>Connects one user (v3 style: the redirect's user_id) and returns it with the first vehicle id.</summary>
    private async Task<(string UserId, string VehicleId)> ConnectAsync(string email = "driver@example.com")
    {
        var location = await _driver.ConnectAsync(email, authorizeUrl: AuthorizeUrl(scope: AllScopes));
        var userId = QueryOf(location)["user_id"];
        var vehicles = _driver.Emulator.World.FindUserByEmail(email)!.Vehicles;
        return (userId, vehicles[0].Id);
    }

    private async Task ShouldBeLocked(string accessToken, string vehicleId, string appToken, string userId, bool locked)
    {
        var v2 = await JsonAsync(await _driver.GetApiAsync($"/v2.0/vehicles/{vehicleId}/security", accessToken));
        v2.GetProperty("isLocked").GetBoolean().ShouldBe(locked);
        var v3 = await GetAsync($"/v3/vehicles/{vehicleId}/signals/closure-islocked", appToken, userId);
        v3.GetProperty("data").GetProperty("attributes").GetProperty("body").GetProperty("value").GetBoolean().ShouldBe(locked);
    }

    private async Task<JsonElement> GetAsync(string path, string appToken, string? userId = null)
    {
        var response = await _driver.SendApiAsync(HttpMethod.Get, path, appToken, userId: userId);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    private static List<string?> UserIds(JsonElement body) =>
        [.. body.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("relationships").GetProperty("user").GetProperty("data").GetProperty("id").GetString())];

    private static async Task ShouldBeV3Error(HttpResponseMessage response, HttpStatusCode status, string type, string code)
    {
        response.StatusCode.ShouldBe(status);
        var error = (await JsonAsync(response)).GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("status").GetString().ShouldBe(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
        error.GetProperty("type").GetString().ShouldBe(type);
        error.GetProperty("code").GetString().ShouldBe(code);
        error.GetProperty("title").GetString().ShouldNotBeNullOrEmpty();
        error.GetProperty("detail").GetString().ShouldNotBeNullOrEmpty();
        error.GetProperty("links").GetProperty("about").GetString().ShouldStartWith("https://smartcar.com/docs/errors/");
    }
}
