using System.Diagnostics;
using System.Net;
using System.Text.Json;
using SmartcarClean.Emulator.Steering;
using SmartcarClean.Emulator.Steering.Faults;
using SmartcarClean.Emulator.Testing;

namespace SmartcarClean.Emulator.Tests.Steering.Faults;

/// <summary>Queued faults: WireMock mappings that outrank the endpoints and remove themselves when used up.</summary>
public sealed class FaultTests : IDisposable
{
    private static readonly string[] V2ErrorFields =
        ["type", "code", "description", "docURL", "statusCode", "requestId", "resolution", "suggestedUserMessage"];

    private readonly EmulatorDriver _driver = new();

    private SmartcarEmulator Emulator => _driver.Emulator;

    public void Dispose() => _driver.Dispose();

    [Fact]
    public async Task Rate_limit_is_429_with_Retry_After_and_the_full_v2_body_once()
    {
        var tokens = await _driver.ConnectAndExchangeAsync();
        Emulator.FailNext("GET", "/v2.0/vehicles", Fault.RateLimit("VEHICLE", TimeSpan.FromSeconds(30)));

        var limited = await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken);

        limited.StatusCode.ShouldBe((HttpStatusCode)429);
        limited.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30));
        var body = await ShouldBeV2Error(limited, 429, "RATE_LIMIT", "VEHICLE");
        body.GetProperty("resolution").GetProperty("type").GetString().ShouldBe("RETRY_LATER");
        body.GetProperty("requestId").GetString().ShouldBe(limited.Headers.GetValues("sc-request-id").Single());
        (await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        Emulator.PendingFaults.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("upstream", 502, "UPSTREAM", "UNKNOWN_ISSUE")]
    [InlineData("server", 500, "SERVER", "INTERNAL")]
    [InlineData("vehicle_state", 409, "VEHICLE_STATE", "ASLEEP")]
    [InlineData("smartcar_api", 429, "RATE_LIMIT", "SMARTCAR_API")]
    public async Task Error_faults_answer_their_status_and_v2_body(string kind, int status, string type, string code)
    {
        var fault = kind switch
        {
            "upstream" => Fault.Upstream(),
            "server" => Fault.Server(),
            "vehicle_state" => Fault.VehicleState(),
            _ => Fault.RateLimit("SMARTCAR_API"),
        };
        Emulator.FailNext("*", "/v2.0/*", fault);

        // Faults come before authentication: no token needed to get one.
        var response = await _driver.GetApiAsync("/v2.0/user", null);

        await ShouldBeV2Error(response, status, type, code);
    }

    [Fact]
    public async Task A_fault_can_repeat_N_times_and_faults_queue_first_in_first_out()
    {
        Emulator.FailNext("GET", "/v2.0/*", Fault.Server(), times: 2);
        Emulator.FailNext("GET", "/v2.0/*", Fault.VehicleState("CHARGING_IN_PROGRESS"));

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((int)(await _driver.GetApiAsync("/v2.0/vehicles", null)).StatusCode);
        }

        statuses.ShouldBe([500, 500, 409, 401]);
    }

    [Fact]
    public async Task A_vehicle_fault_hits_only_that_vehicle_and_only_matching_methods()
    {
        var user = Emulator.SeedUser("two@example.com", new SeededVehicle("TESLA", "Model 3", 2021), new SeededVehicle("TESLA", "Model S", 2019));
        var tokens = await _driver.ConnectAndExchangeAsync("two@example.com");
        var (asleep, awake) = (user.Vehicles[0].Id, user.Vehicles[1].Id);
        Emulator.FailNext("GET", "/v2.0/vehicles/*", Fault.VehicleState(), vehicleId: asleep, times: 5);
        Emulator.FailNext("POST", "/v2.0/vehicles/*", Fault.Server());

        (await _driver.GetApiAsync($"/v2.0/vehicles/{awake}", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _driver.GetApiAsync($"/v2.0/vehicles/{asleep}/vin", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _driver.GetApiAsync($"/v2.0/vehicles/{asleep}/", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        Emulator.PendingFaults.Single(f => f.VehicleId == asleep).Remaining.ShouldBe(3);
    }

    [Fact]
    public async Task A_delay_holds_the_request_then_answers_the_real_response_and_logs_it_once()
    {
        var tokens = await _driver.ConnectAndExchangeAsync();
        Emulator.FailNext("GET", "/v2.0/vehicles", Fault.Delayed(TimeSpan.FromMilliseconds(400)));

        var watch = Stopwatch.StartNew();
        var response = await _driver.GetApiAsync("/v2.0/vehicles?limit=5", tokens.AccessToken);
        watch.Stop();

        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(350));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await EmulatorDriver.JsonAsync(response)).GetProperty("vehicles").GetArrayLength().ShouldBe(1);
        Emulator.CountRequests("GET", "/v2.0/vehicles").ShouldBe(1);
        Emulator.Requests[^1].StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task A_delay_also_works_for_a_form_post()
    {
        var code = await _driver.GetCodeAsync();
        Emulator.FailNext("POST", "/oauth/token", Fault.Delayed(TimeSpan.FromMilliseconds(50)));

        var response = await _driver.ExchangeCodeAsync(code);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_dropped_connection_is_an_HttpRequestException_once()
    {
        var code = await _driver.GetCodeAsync();
        Emulator.FailNext("POST", "/oauth/token", Fault.DropConnection());

        await Should.ThrowAsync<HttpRequestException>(() => _driver.ExchangeCodeAsync(code));

        (await _driver.ExchangeCodeAsync(code)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void Bad_fault_definitions_are_rejected_with_a_message()
    {
        Should.Throw<ArgumentException>(() => Fault.RateLimit("NOPE")).Message.ShouldContain("SMARTCAR_API");
        Should.Throw<ArgumentException>(() => Fault.VehicleState("FLYING"));
        Should.Throw<ArgumentException>(() => Fault.Delayed(TimeSpan.Zero));
        Should.Throw<ArgumentException>(() => Emulator.FailNext("GET", "v2.0/vehicles", Fault.Server())).Message.ShouldContain("start with /");
        Should.Throw<ArgumentException>(() => Emulator.FailNext("G E T", "/v2.0", Fault.Server()));
        Should.Throw<ArgumentException>(() => Emulator.FailNext("GET", "/v2.0", Fault.Server(), times: 0));
        Emulator.PendingFaults.ShouldBeEmpty();
    }

    [Fact]
    public async Task Faults_never_touch_the_steering_api_and_can_be_cleared()
    {
        Emulator.FailNext("*", "/*", Fault.Server(), times: 10);

        (await _driver.Http.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _driver.Http.GetAsync("/_emulator/state")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _driver.Http.GetAsync("/oauth/authorize")).StatusCode.ShouldBe(HttpStatusCode.InternalServerError);

        Emulator.ClearFaults();

        (await _driver.Http.GetAsync(EmulatorDriver.AuthorizeUrl())).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_fault_queued_for_a_vehicle_path_answers_that_path_inside_a_batch_and_the_others_still_answer()
    {
        var (token, id) = await _driver.ConnectVehicleAsync();
        Emulator.FailNext("GET", "/v2.0/vehicles/*/odometer", Fault.VehicleState("ASLEEP"));
        Emulator.FailNext("GET", "/v2.0/vehicles/*/security", Fault.RateLimit("VEHICLE", TimeSpan.FromSeconds(30)));

        var batch = await _driver.SendApiAsync(HttpMethod.Post, $"/v2.0/vehicles/{id}/batch", token,
            """{"requests":[{"path":"/odometer"},{"path":"/vin"},{"path":"/security"}]}""");

        batch.StatusCode.ShouldBe(HttpStatusCode.OK);
        var responses = (await EmulatorDriver.JsonAsync(batch)).GetProperty("responses").EnumerateArray().ToList();
        responses.Select(r => r.GetProperty("code").GetInt32()).ShouldBe([409, 200, 429]);
        ShouldBeV2ErrorBody(responses[0].GetProperty("body"), 409, "VEHICLE_STATE", "ASLEEP");
        responses[0].GetProperty("headers").GetProperty("content-type").GetString().ShouldBe("application/json");
        responses[1].GetProperty("body").GetProperty("vin").GetString()!.Length.ShouldBe(17);
        ShouldBeV2ErrorBody(responses[2].GetProperty("body"), 429, "RATE_LIMIT", "VEHICLE");
        responses[2].GetProperty("headers").GetProperty("retry-after").GetString().ShouldBe("30");
        Emulator.PendingFaults.ShouldBeEmpty();

        var again = await _driver.SendApiAsync(HttpMethod.Post, $"/v2.0/vehicles/{id}/batch", token,
            """{"requests":[{"path":"/odometer"},{"path":"/security"}]}""");
        (await EmulatorDriver.JsonAsync(again)).GetProperty("responses").EnumerateArray()
            .Select(r => r.GetProperty("code").GetInt32()).ShouldBe([200, 200]);
    }

    [Fact]
    public async Task A_batch_takes_only_faults_for_its_vehicle_and_for_reads()
    {
        var user = Emulator.SeedUser("two@example.com", new SeededVehicle("TESLA", "Model 3", 2021), new SeededVehicle("TESLA", "Model S", 2019));
        var tokens = await _driver.ConnectAndExchangeAsync("two@example.com");
        var ids = user.Vehicles.Select(v => v.Id).ToList();
        Emulator.FailNext("GET", "/v2.0/vehicles/*/odometer", Fault.Server(), vehicleId: ids[1]);
        Emulator.FailNext("POST", "/v2.0/vehicles/*/odometer", Fault.Server());

        var batch = await _driver.SendApiAsync(HttpMethod.Post, $"/v2.0/vehicles/{ids[0]}/batch", tokens.AccessToken,
            """{"requests":[{"path":"/odometer"}]}""");

        (await EmulatorDriver.JsonAsync(batch)).GetProperty("responses")[0].GetProperty("code").GetInt32().ShouldBe(200);
        Emulator.PendingFaults.Count.ShouldBe(2);
    }

    private static async Task<JsonElement> ShouldBeV2Error(HttpResponseMessage response, int status, string type, string code)
    {
        ((int)response.StatusCode).ShouldBe(status);
        return ShouldBeV2ErrorBody(await EmulatorDriver.JsonAsync(response), status, type, code);
    }

    private static JsonElement ShouldBeV2ErrorBody(JsonElement body, int status, string type, string code)
    {
        foreach (var field in V2ErrorFields)
        {
            body.TryGetProperty(field, out _).ShouldBeTrue($"missing {field}");
        }

        body.GetProperty("type").GetString().ShouldBe(type);
        body.GetProperty("code").GetString().ShouldBe(code);
        body.GetProperty("statusCode").GetInt32().ShouldBe(status);
        body.GetProperty("docURL").GetString()!.ShouldStartWith("https://smartcar.com/docs/errors/");
        return body;
    }
}
