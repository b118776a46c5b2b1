using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SmartcarClean.Emulator.Steering;
using SmartcarClean.Emulator.Testing;

namespace SmartcarClean.Emulator.Tests.Steering;

/// <summary>The /_emulator admin API and page, over real HTTP.</summary>
public sealed class SteeringApiTests : IDisposable
{
    private readonly EmulatorDriver _driver = new();

    public void Dispose() => _driver.Dispose();

    [Fact]
    public async Task Health_is_ok()
    {
        var response = await _driver.Http.GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await EmulatorDriver.JsonAsync(response)).GetProperty("status").GetString().ShouldBe("ok");
    }

    [Fact]
    public async Task Clock_can_be_read_and_advanced()
    {
        var advanced = await PostJsonAsync("/_emulator/clock/advance", new { seconds = 7200 });

        advanced.StatusCode.ShouldBe(HttpStatusCode.OK);
        var clock = await EmulatorDriver.JsonAsync(await _driver.Http.GetAsync("/_emulator/clock"));
        clock.GetProperty("offsetSeconds").GetDouble().ShouldBe(7200);
        clock.GetProperty("now").GetDateTimeOffset().ShouldBe(_driver.Clock.GetUtcNow().AddHours(2));
    }

    [Theory]
    [InlineData("/_emulator/clock/advance", "{\"seconds\":-5}", "seconds must be zero or more")]
    [InlineData("/_emulator/clock/advance", "{\"seconds\":\"ten\"}", "seconds must be a number")]
    [InlineData("/_emulator/clock/advance", "{}", "seconds is required")]
    [InlineData("/_emulator/clock/advance", "not json", "not valid JSON")]
    [InlineData("/_emulator/clock/advance", "", "must be a JSON object")]
    [InlineData("/_emulator/users", "{\"email\":\"a@b.c\"}", "vehicles is required")]
    [InlineData("/_emulator/users", "{\"email\":\"a@b.c\",\"vehicles\":[{\"make\":\"FORD\",\"model\":\"F-150\"}]}", "vehicles[0].year is required")]
    [InlineData("/_emulator/users", "{\"email\":\"a@b.c\",\"vehicles\":[{\"make\":\"NOPE\",\"model\":\"X\",\"year\":2020}]}", "is not a Connect brand")]
    [InlineData("/_emulator/faults", "{\"method\":\"GET\",\"path\":\"/v2.0/*\",\"kind\":\"meteor\"}", "kind must be one of")]
    [InlineData("/_emulator/faults", "{\"method\":\"GET\",\"path\":\"/v2.0/*\",\"kind\":\"delay\"}", "delayMilliseconds is required")]
    [InlineData("/_emulator/faults", "{\"method\":\"GET\",\"path\":\"/v2.0/*\",\"kind\":\"rate_limit\",\"code\":\"X\"}", "code 'X' is not one of")]
    [InlineData("/_emulator/faults", "{\"method\":\"GET\",\"kind\":\"server\"}", "path is required")]
    [InlineData("/_emulator/faults", "{\"method\":\"GET\",\"path\":\"/x\",\"kind\":\"server\",\"times\":0}", "times must be between")]
    public async Task Bad_input_is_400_with_a_message(string path, string json, string message)
    {
        var response = await _driver.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await EmulatorDriver.JsonAsync(response);
        body.GetProperty("error").GetString().ShouldBe("invalid_request");
        body.GetProperty("message").GetString()!.ShouldContain(message);
    }

    [Fact]
    public async Task Unknown_steering_routes_are_404_json()
    {
        var response = await _driver.Http.PostAsync("/_emulator/nothing", null);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await EmulatorDriver.JsonAsync(response)).GetProperty("message").GetString()!.ShouldContain("/_emulator/nothing");
    }

    [Fact]
    public async Task Seeded_users_log_in_with_their_vehicles_and_a_second_seed_is_409()
    {
        var user = new { email = "qa@example.com", vehicles = new[] { new { make = "AUDI", model = "e-tron", year = 2020, vin = "WAUAFAFL1GN014882" } } };

        var created = await PostJsonAsync("/_emulator/users", user);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var vehicle = (await EmulatorDriver.JsonAsync(created)).GetProperty("vehicles")[0];
        var tokens = await _driver.ConnectWithScopesAsync("read_vehicle_info read_vin", "qa@example.com");
        var vin = await EmulatorDriver.JsonAsync(await _driver.GetApiAsync($"/v2.0/vehicles/{vehicle.GetProperty("id").GetString()}/vin", tokens.AccessToken));
        vin.GetProperty("vin").GetString().ShouldBe("WAUAFAFL1GN014882");
        (await PostJsonAsync("/_emulator/users", user)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("expire")]
    [InlineData("revoke")]
    [InlineData("revoke-grant")]
    public async Task Tokens_can_be_expired_or_revoked(string action)
    {
        var tokens = await _driver.ConnectAndExchangeAsync();

        var response = await _driver.Http.PostAsync($"/_emulator/tokens/{Uri.EscapeDataString(tokens.AccessToken)}/{action}", null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain(tokens.AccessToken);
        (await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Unknown_token_is_404_and_unknown_action_is_400()
    {
        (await _driver.Http.PostAsync("/_emulator/tokens/nope/expire", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _driver.Http.PostAsync("/_emulator/tokens/nope/explode", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Faults_can_be_queued_listed_and_cleared()
    {
        var queued = await PostJsonAsync("/_emulator/faults",
            new { method = "GET", path = "/v2.0/vehicles", kind = "rate_limit", code = "SMARTCAR_API", retryAfterSeconds = 5, times = 2 });

        queued.StatusCode.ShouldBe(HttpStatusCode.Created);
        var limited = await _driver.GetApiAsync("/v2.0/vehicles", null);
        limited.StatusCode.ShouldBe((HttpStatusCode)429);
        limited.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
        var listed = await EmulatorDriver.JsonAsync(await _driver.Http.GetAsync("/_emulator/faults"));
        listed[0].GetProperty("remaining").GetInt32().ShouldBe(1);

        var cleared = await _driver.Http.DeleteAsync("/_emulator/faults");

        (await EmulatorDriver.JsonAsync(cleared)).GetProperty("cleared").GetInt32().ShouldBe(1);
        (await _driver.GetApiAsync("/v2.0/vehicles", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Drop_and_delay_faults_can_be_queued_over_http()
    {
        (await PostJsonAsync("/_emulator/faults", new { method = "GET", path = "/v2.0/user", kind = "drop" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await PostJsonAsync("/_emulator/faults", new { method = "GET", path = "/v2.0/user", kind = "delay", delayMilliseconds = 10 }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        await Should.ThrowAsync<HttpRequestException>(() => _driver.GetApiAsync("/v2.0/user", null));
        (await _driver.GetApiAsync("/v2.0/user", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Requests_are_listed_without_the_steering_calls()
    {
        await _driver.Http.GetAsync(EmulatorDriver.AuthorizeUrl());
        await _driver.Http.GetAsync("/_emulator/state");

        var requests = await EmulatorDriver.JsonAsync(await _driver.Http.GetAsync("/_emulator/requests"));

        requests.GetArrayLength().ShouldBe(1);
        requests[0].GetProperty("path").GetString().ShouldBe("/oauth/authorize");
        requests[0].GetProperty("statusCode").GetInt32().ShouldBe(200);
    }

    [Fact]
    public async Task Reset_forgets_tokens()
    {
        var tokens = await _driver.ConnectAndExchangeAsync();

        (await _driver.Http.PostAsync("/_emulator/reset", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        _driver.Emulator.Requests.ShouldBeEmpty();
        (await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task State_shows_applications_users_grants_with_masked_tokens()
    {
        var tokens = await _driver.ConnectAndExchangeAsync("state@example.com");

        var json = await (await _driver.Http.GetAsync("/_emulator/state")).Content.ReadAsStringAsync();

        json.ShouldNotContain(tokens.AccessToken);
        json.ShouldNotContain(tokens.RefreshToken);
        json.ShouldNotContain(EmulatorDriver.ClientSecret);
        var state = JsonDocument.Parse(json).RootElement;
        state.GetProperty("applications").GetArrayLength().ShouldBe(2);
        state.GetProperty("users")[0].GetProperty("email").GetString().ShouldBe("state@example.com");
        var grantTokens = state.GetProperty("grants")[0].GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("token").GetString()).ToList();
        grantTokens.ShouldContain("…" + tokens.AccessToken[^4..]);
        grantTokens.ShouldContain("…" + tokens.RefreshToken[^4..]);
    }

    [Fact]
    public async Task Admin_page_shows_what_the_emulator_knows_html_encoded_and_masked()
    {
        _driver.Emulator.SeedUser("<script>alert(1)</script>@example.com", new SeededVehicle("TESLA", "<b>Model</b> 3", 2021));
        var tokens = await _driver.ConnectAndExchangeAsync();

        var response = await _driver.Http.GetAsync("/_emulator");
        var html = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.ShouldContain(EmulatorDriver.ClientId);
        html.ShouldContain("driver@example.com");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;@example.com");
        html.ShouldContain("&lt;b&gt;Model&lt;/b&gt; 3");
        html.ShouldNotContain("<script");
        html.ShouldNotContain(tokens.AccessToken);
        html.ShouldContain("…" + tokens.AccessToken[^4..]);
        html.ShouldContain("/oauth/token");
        html.ShouldNotContain("src=");
        html.ShouldNotContain("<link");
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, object body) => _driver.Http.PostAsJsonAsync(path, body);
}
