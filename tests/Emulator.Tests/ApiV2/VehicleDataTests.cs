using System.Globalization;
using System.Net;
using System.Text.Json;
using SmartcarClean.Emulator.Testing;
using SmartcarClean.Emulator.World;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.ApiV2;

public sealed class VehicleDataTests : IDisposable
{
    private readonly EmulatorDriver _driver = new();

    public void Dispose() => _driver.Dispose();

    [Fact]
    public async Task Data_endpoints_answer_the_documented_shapes_within_test_mode_ranges()
    {
        var (token, id) = await _driver.ConnectVehicleAsync();

        var odometer = await GetAsync(token, id, "odometer");
        odometer.GetProperty("distance").GetDouble().ShouldBeInRange(10_000, 300_000);

        var location = await GetAsync(token, id, "location");
        location.GetProperty("latitude").GetDouble().ShouldBeInRange(37.0, 41.0); // Colorado
        location.GetProperty("longitude").GetDouble().ShouldBeInRange(-109.05, -102.05);

        var fuel = await GetAsync(token, id, "fuel");
        fuel.GetProperty("range").GetDouble().ShouldBeInRange(0, 483);
        fuel.GetProperty("percentRemaining").GetDouble().ShouldBeInRange(0, 1);
        fuel.GetProperty("amountRemaining").GetDouble().ShouldBeInRange(0, 500);

        var battery = await GetAsync(token, id, "battery");
        battery.GetProperty("range").GetDouble().ShouldBeInRange(0, 483);
        battery.GetProperty("percentRemaining").GetDouble().ShouldBeInRange(0, 1);

        (await GetAsync(token, id, "battery/capacity")).GetProperty("capacity").GetDouble().ShouldBeInRange(50, 100);

        var charge = await GetAsync(token, id, "charge");
        charge.GetProperty("isPluggedIn").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
        charge.GetProperty("state").GetString().ShouldBeOneOf("CHARGING", "FULLY_CHARGED", "NOT_CHARGING");

        (await GetAsync(token, id, "engine/oil")).GetProperty("lifeRemaining").GetDouble().ShouldBeInRange(0, 1);

        var tires = await GetAsync(token, id, "tires/pressure");
        foreach (var tire in new[] { "frontLeft", "frontRight", "backLeft", "backRight" })
        {
            tires.GetProperty(tire).GetDouble().ShouldBeInRange(175, 237);
        }

        var security = await GetAsync(token, id, "security");
        security.GetProperty("isLocked").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
        security.GetProperty("doors").GetArrayLength().ShouldBe(4);
        foreach (var group in new[] { "windows", "sunroof", "storage", "chargingPort" })
        {
            security.GetProperty(group)[0].GetProperty("status").GetString().ShouldBe("CLOSED");
        }

        (await GetAsync(token, id, "vin")).GetProperty("vin").GetString()!.Length.ShouldBe(17);
    }

    [Fact]
    public async Task Values_are_stable_per_vehicle()
    {
        var (token, id) = await _driver.ConnectVehicleAsync();

        var first = (await GetAsync(token, id, "odometer")).GetRawText();
        var again = (await GetAsync(token, id, "odometer/")).GetRawText();

        again.ShouldBe(first);
        _driver.Emulator.World.VehicleStateOf(id).ShouldBe(VehicleState.Seeded(id));
    }

    [Fact]
    public async Task Imperial_unit_system_gives_miles_gallons_and_psi()
    {
        var (token, id) = await _driver.ConnectVehicleAsync();
        var state = _driver.Emulator.World.VehicleStateOf(id);

        var odometer = await _driver.SendApiAsync(HttpMethod.Get, $"/v2.0/vehicles/{id}/odometer", token, unitSystem: "imperial");
        Header(odometer, "sc-unit-system").ShouldBe("imperial");
        (await JsonAsync(odometer)).GetProperty("distance").GetDouble().ShouldBe(state.OdometerKm * 0.621371, 0.1);

        var fuel = await JsonAsync(await _driver.SendApiAsync(HttpMethod.Get, $"/v2.0/vehicles/{id}/fuel", token, unitSystem: "imperial"));
        fuel.GetProperty("amountRemaining").GetDouble().ShouldBe(state.FuelLitersRemaining * 0.264172, 0.1);

        var tires = await JsonAsync(await _driver.SendApiAsync(HttpMethod.Get, $"/v2.0/vehicles/{id}/tires/pressure", token, unitSystem: "imperial"));
        tires.GetProperty("frontLeft").GetDouble().ShouldBe(state.TirePressuresKpa.FrontLeft * 0.145038, 0.1);

        var metric = await _driver.SendApiAsync(HttpMethod.Get, $"/v2.0/vehicles/{id}/odometer", token, unitSystem: "metric");
        (await JsonAsync(metric)).GetProperty("distance").GetDouble().ShouldBe(state.OdometerKm);
    }

    [Fact]
    public async Task Unknown_unit_system_is_400_validation()
    {
        var (token, id) = await _driver.ConnectVehicleAsync();

        var response = await _driver.SendApiAsync(HttpMethod.Get, $"/v2.0/vehicles/{id}/odometer", token, unitSystem: "furlongs");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(response)).GetProperty("type").GetString().ShouldBe("VALIDATION");
    }

    [Theory]
    [InlineData("odometer")]
    [InlineData("location")]
    [InlineData("fuel")]
    [InlineData("battery")]
    [InlineData("battery/capacity")]
    [InlineData("charge")]
    [InlineData("engine/oil")]
    [InlineData("tires/pressure")]
    [InlineData("security")]
    [InlineData("vin")]
    [InlineData("")]
    [InlineData("permissions")]
    public async Task Every_response_carries_the_smartcar_headers(string path)
    {
        var (token, id) = await _driver.ConnectVehicleAsync();

        var response = await _driver.GetApiAsync($"/v2.0/vehicles/{id}/{path}", token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Guid.TryParse(Header(response, "sc-request-id"), out _).ShouldBeTrue();
        Header(response, "sc-unit-system").ShouldBe("metric");
        foreach (var time in new[] { "sc-data-age", "sc-fetched-at" })
        {
            DateTimeOffset.Parse(Header(response, time)!, CultureInfo.InvariantCulture).ShouldBe(_driver.Clock.GetUtcNow());
        }
    }

    [Theory]
    [InlineData("GET", "vin", "read_vin")]
    [InlineData("GET", "odometer", "read_odometer")]
    [InlineData("GET", "location", "read_location")]
    [InlineData("GET", "fuel", "read_fuel")]
    [InlineData("GET", "battery", "read_battery")]
    [InlineData("GET", "battery/capacity", "read_battery")]
    [InlineData("GET", "charge", "read_charge")]
    [InlineData("POST", "charge", "control_charge")]
    [InlineData("GET", "engine/oil", "read_engine_oil")]
    [InlineData("GET", "tires/pressure", "read_tires")]
    [InlineData("GET", "security", "read_security")]
    [InlineData("POST", "security", "control_security")]
    public async Task Endpoint_without_its_permission_is_403_permission(string method, string path, string permission)
    {
        var others = string.Join(' ', AllScopes.Split(' ').Where(s => s != permission));
        var tokens = await _driver.ConnectWithScopesAsync(others);
        var id = await _driver.FirstVehicleIdAsync(tokens.AccessToken);
        var body = path == "charge" ? """{"action":"START"}""" : """{"action":"LOCK"}""";

        var response = await _driver.SendApiAsync(new HttpMethod(method), $"/v2.0/vehicles/{id}/{path}", tokens.AccessToken, method == "POST" ? body : null);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var error = await JsonAsync(response);
        error.GetProperty("type").GetString().ShouldBe("PERMISSION");
        error.GetProperty("code").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Attributes_and_permissions_need_only_a_live_grant()
    {
        var tokens = await _driver.ConnectWithScopesAsync("read_odometer");
        var id = await _driver.FirstVehicleIdAsync(tokens.AccessToken);

        (await _driver.GetApiAsync($"/v2.0/vehicles/{id}", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _driver.GetApiAsync($"/v2.0/vehicles/{id}/permissions", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Lock_and_unlock_round_trip()
    {
        var (token, id) = await _driver.ConnectVehicleAsync();

        var locked = await PostAsync(token, id, "security", """{"action":"LOCK"}""");
        locked.StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldBeCommandSuccess(locked);
        var status = await GetAsync(token, id, "security");
        status.GetProperty("isLocked").GetBoolean().ShouldBeTrue();
        status.GetProperty("doors").EnumerateArray().ShouldAllBe(d => d.GetProperty("status").GetString() == "LOCKED");

        await ShouldBeCommandSuccess(await PostAsync(token, id, "security", """{"action":"UNLOCK"}"""));
        status = await GetAsync(token, id, "security");
        status.GetProperty("isLocked").GetBoolean().ShouldBeFalse();
        status.GetProperty("doors").EnumerateArray().ShouldAllBe(d => d.GetProperty("status").GetString() == "UNLOCKED");
    }

    [Fact]
    public async Task Start_and_stop_charge_change_the_charge_state()
    {
        var (token, id) = await _driver.ConnectVehicleAsync();

        await ShouldBeCommandSuccess(await PostAsync(token, id, "charge", """{"action":"START"}"""));
        var charging = await GetAsync(token, id, "charge");
        charging.GetProperty("state").GetString().ShouldBe("CHARGING");
        charging.GetProperty("isPluggedIn").GetBoolean().ShouldBeTrue();

        await ShouldBeCommandSuccess(await PostAsync(token, id, "charge", """{"action":"STOP"}"""));
        (await GetAsync(token, id, "charge")).GetProperty("state").GetString().ShouldBe("NOT_CHARGING");
    }

    [Theory]
    [InlineData("security", "{not json", "body")]
    [InlineData("security", "", "action")]
    [InlineData("security", """{"action":"OPEN"}""", "action")]
    [InlineData("security", """{"action":"START"}""", "action")]
    [InlineData("charge", """{"action":"LOCK"}""", "action")]
    [InlineData("charge", """["START"]""", "body")]
    public async Task Bad_command_body_is_400_validation_with_detail(string path, string body, string field)
    {
        var (token, id) = await _driver.ConnectVehicleAsync();

        var response = await PostAsync(token, id, path, body);

        await ShouldBeValidationError(response, field);
    }

    [Fact]
    public async Task Delete_application_revokes_that_vehicle_for_the_grant()
    {
        var tokens = await _driver.ConnectWithScopesAsync(AllScopes, "2-vehicles@smartcar.com");
        var vehicles = (await JsonAsync(await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken)))
            .GetProperty("vehicles").EnumerateArray().Select(v => v.GetString()!).ToList();

        var disconnect = await _driver.SendApiAsync(HttpMethod.Delete, $"/v2.0/vehicles/{vehicles[0]}/application", tokens.AccessToken);
        disconnect.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JsonAsync(disconnect)).GetProperty("status").GetString().ShouldBe("success");

        (await _driver.GetApiAsync($"/v2.0/vehicles/{vehicles[0]}/odometer", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _driver.GetApiAsync($"/v2.0/vehicles/{vehicles[1]}/odometer", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var remaining = await JsonAsync(await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken));
        remaining.GetProperty("vehicles").EnumerateArray().Select(v => v.GetString()).ShouldBe([vehicles[1]]);
    }

    [Fact]
    public async Task Disconnecting_the_last_vehicle_invalidates_the_token_and_its_refresh_token()
    {
        var tokens = await _driver.ConnectWithScopesAsync(AllScopes);
        var id = await _driver.FirstVehicleIdAsync(tokens.AccessToken);

        (await _driver.SendApiAsync(HttpMethod.Delete, $"/v2.0/vehicles/{id}/application/", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await _driver.GetApiAsync($"/v2.0/vehicles/{id}/odometer", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _driver.RefreshAsync(tokens.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var reconnected = await _driver.ConnectWithScopesAsync(AllScopes);
        (await _driver.GetApiAsync($"/v2.0/vehicles/{id}/odometer", reconnected.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Batch_answers_each_path_with_body_code_and_headers()
    {
        var tokens = await _driver.ConnectWithScopesAsync("read_vehicle_info read_odometer read_location");
        var id = await _driver.FirstVehicleIdAsync(tokens.AccessToken);

        var response = await PostAsync(tokens.AccessToken, id, "batch",
            """{"requests":[{"path":"/odometer"},{"path":"/location"},{"path":"/"},{"path":"/fuel"},{"path":"/garage"}]}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var responses = (await JsonAsync(response)).GetProperty("responses").EnumerateArray().ToList();
        responses.Select(r => r.GetProperty("path").GetString()).ShouldBe(["/odometer", "/location", "/", "/fuel", "/garage"]);
        responses.Select(r => r.GetProperty("code").GetInt32()).ShouldBe([200, 200, 200, 403, 404]);
        responses[0].GetProperty("body").GetProperty("distance").GetDouble().ShouldBeInRange(10_000, 300_000);
        responses[2].GetProperty("body").GetProperty("id").GetString().ShouldBe(id);
        responses[0].GetProperty("headers").GetProperty("sc-unit-system").GetString().ShouldBe("metric");
        responses[0].GetProperty("headers").GetProperty("sc-data-age").GetString().ShouldNotBeNullOrEmpty();
        responses[3].GetProperty("body").GetProperty("type").GetString().ShouldBe("PERMISSION");
        responses[3].GetProperty("headers").GetProperty("content-type").GetString().ShouldBe("application/json");
        responses[4].GetProperty("body").GetProperty("type").GetString().ShouldBe("RESOURCE_NOT_FOUND");
    }

    [Fact]
    public async Task Batch_follows_the_unit_system()
    {
        var (token, id) = await _driver.ConnectVehicleAsync();

        var response = await _driver.SendApiAsync(HttpMethod.Post, $"/v2.0/vehicles/{id}/batch", token,
            """{"requests":[{"path":"/odometer"}]}""", unitSystem: "imperial");

        var item = (await JsonAsync(response)).GetProperty("responses")[0];
        item.GetProperty("headers").GetProperty("sc-unit-system").GetString().ShouldBe("imperial");
        item.GetProperty("body").GetProperty("distance").GetDouble()
            .ShouldBe(_driver.Emulator.World.VehicleStateOf(id).OdometerKm * 0.621371, 0.1);
    }

    [Theory]
    [InlineData("{}", "requests")]
    [InlineData("""{"requests":[]}""", "requests")]
    [InlineData("""{"requests":"odometer"}""", "requests")]
    [InlineData("""{"requests":[{"path":"odometer"}]}""", "requests")]
    [InlineData("""{"requests":[{}]}""", "requests")]
    [InlineData("nope", "body")]
    public async Task Bad_batch_body_is_400_validation_with_detail(string body, string field)
    {
        var (token, id) = await _driver.ConnectVehicleAsync();

        await ShouldBeValidationError(await PostAsync(token, id, "batch", body), field);
    }

    private async Task<JsonElement> GetAsync(string token, string id, string path)
    {
        var response = await _driver.GetApiAsync($"/v2.0/vehicles/{id}/{path}", token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    private Task<HttpResponseMessage> PostAsync(string token, string id, string path, string json) =>
        _driver.SendApiAsync(HttpMethod.Post, $"/v2.0/vehicles/{id}/{path}", token, json);

    private static async Task ShouldBeCommandSuccess(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await JsonAsync(response);
        body.GetProperty("status").GetString().ShouldBe("success");
        body.GetProperty("message").GetString().ShouldBe("Successfully sent request to vehicle");
    }

    private static async Task ShouldBeValidationError(HttpResponseMessage response, string field)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await JsonAsync(response);
        body.GetProperty("type").GetString().ShouldBe("VALIDATION");
        body.GetProperty("statusCode").GetInt32().ShouldBe(400);
        body.GetProperty("docURL").GetString().ShouldNotBeNullOrEmpty();
        var detail = body.GetProperty("detail")[0];
        detail.GetProperty("field")[0].GetString().ShouldBe(field);
        detail.GetProperty("message").GetString().ShouldNotBeNullOrEmpty();
    }
}
