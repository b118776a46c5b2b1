using System.Net;
using System.Text.Json;
using SmartcarClean.Emulator.Testing;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.Plans;

/// <summary>The plan's per-vehicle monthly allowance: beyond it, Smartcar's 430 BILLING / VEHICLE_REQUEST_LIMIT (reference §5.4).</summary>
public sealed class MonthlyAllowanceTests : IDisposable
{
    private const string Description =
        "You have exceeded the number of API requests that are allowed for this vehicle in the current billing period. Please log into the Smartcar dashboard and visit the Billing tab to learn more.";

    private readonly EmulatorDriver _driver = new();

    public void Dispose() => _driver.Dispose();

    [Fact]
    public async Task Is_off_by_default()
    {
        var (token, vehicleId) = await _driver.ConnectVehicleAsync();

        for (var i = 0; i < 20; i++)
        {
            (await OdometerAsync(token, vehicleId)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Request_N_passes_and_request_N_plus_1_is_430_with_Smartcars_billing_body()
    {
        var (token, vehicleId) = await _driver.ConnectVehicleAsync();
        _driver.LimitVehicleRequestsPerMonth(3);

        for (var i = 0; i < 3; i++)
        {
            (await OdometerAsync(token, vehicleId)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var refused = await OdometerAsync(token, vehicleId);

        ((int)refused.StatusCode).ShouldBe(430);
        var body = await JsonAsync(refused);
        body.GetProperty("type").GetString().ShouldBe("BILLING");
        body.GetProperty("code").GetString().ShouldBe("VEHICLE_REQUEST_LIMIT");
        body.GetProperty("description").GetString().ShouldBe(Description);
        body.GetProperty("docURL").GetString().ShouldBe("https://smartcar.com/docs/errors/api-errors/billing-errors#vehicle_request_limit");
        body.GetProperty("statusCode").GetInt32().ShouldBe(430);
        body.GetProperty("requestId").GetString().ShouldBe(Header(refused, "sc-request-id"));
        body.GetProperty("resolution").GetProperty("type").GetString().ShouldBe("CONTACT_SUPPORT");
        body.GetProperty("suggestedUserMessage").GetString().ShouldNotBeNullOrWhiteSpace();
        Header(refused, "Retry-After").ShouldBeNull();
        Header(refused, "sc-data-age").ShouldBeNull();
    }

    [Fact]
    public async Task Commands_and_attributes_count_but_the_vehicle_list_user_and_token_endpoints_do_not()
    {
        var (token, vehicleId) = await _driver.ConnectVehicleAsync();
        var refreshToken = (await _driver.ConnectAndExchangeAsync("other@example.com")).RefreshToken;
        _driver.LimitVehicleRequestsPerMonth(2);

        for (var i = 0; i < 5; i++)
        {
            (await _driver.GetApiAsync("/v2.0/vehicles", token)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await _driver.GetApiAsync("/v2.0/user", token)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await _driver.RequestApplicationTokenAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await _driver.RefreshAsync(refreshToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _driver.GetApiAsync($"/v2.0/vehicles/{vehicleId}", token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _driver.SendApiAsync(HttpMethod.Post, $"/v2.0/vehicles/{vehicleId}/security", token, """{"action":"LOCK"}"""))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        ((int)(await OdometerAsync(token, vehicleId)).StatusCode).ShouldBe(430);
    }

    [Fact]
    public async Task Each_vehicle_has_its_own_allowance()
    {
        var tokens = await _driver.ConnectWithScopesAsync(AllScopes, "2-vehicles@smartcar.com");
        var ids = (await JsonAsync(await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken))).GetProperty("vehicles")
            .EnumerateArray().Select(v => v.GetString()!).ToList();
        _driver.LimitVehicleRequestsPerMonth(1);

        (await OdometerAsync(tokens.AccessToken, ids[0])).StatusCode.ShouldBe(HttpStatusCode.OK);
        ((int)(await OdometerAsync(tokens.AccessToken, ids[0])).StatusCode).ShouldBe(430);
        (await OdometerAsync(tokens.AccessToken, ids[1])).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_allowance_starts_again_on_the_first_of_the_next_utc_month()
    {
        var (token, vehicleId) = await _driver.ConnectVehicleAsync();
        _driver.LimitVehicleRequestsPerMonth(1);
        (await OdometerAsync(token, vehicleId)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The driver's clock starts on 15 January 2026, 09:00 UTC.
        _driver.Emulator.AdvanceClock(new DateTimeOffset(2026, 1, 31, 23, 59, 59, TimeSpan.Zero) - _driver.Emulator.Clock.GetUtcNow());
        var fresh = (await _driver.ConnectWithScopesAsync(AllScopes)).AccessToken; // the first one expired on the way
        ((int)(await OdometerAsync(fresh, vehicleId)).StatusCode).ShouldBe(430, "still January");

        _driver.AdvanceToNextMonth();

        (await OdometerAsync(fresh, vehicleId)).StatusCode.ShouldBe(HttpStatusCode.OK);
        ((int)(await OdometerAsync(fresh, vehicleId)).StatusCode).ShouldBe(430);
    }

    [Fact]
    public async Task Concurrent_requests_never_get_past_the_allowance()
    {
        var (token, vehicleId) = await _driver.ConnectVehicleAsync();
        _driver.LimitVehicleRequestsPerMonth(20);

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => OdometerAsync(token, vehicleId)));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(20);
        responses.Count(r => (int)r.StatusCode == 430).ShouldBe(40);
        _driver.Emulator.PlanUsage().Vehicles.Single().RequestsThisMonth.ShouldBe(20);
    }

    [Fact]
    public async Task A_batch_of_k_paths_counts_k()
    {
        var (token, vehicleId) = await _driver.ConnectVehicleAsync();
        _driver.LimitVehicleRequestsPerMonth(5);

        var batch = await BatchAsync(token, vehicleId, "/odometer", "/location", "/security");
        batch.StatusCode.ShouldBe(HttpStatusCode.OK);
        Codes(await JsonAsync(batch)).ShouldBe([200, 200, 200]);

        (await OdometerAsync(token, vehicleId)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await OdometerAsync(token, vehicleId)).StatusCode.ShouldBe(HttpStatusCode.OK);
        ((int)(await OdometerAsync(token, vehicleId)).StatusCode).ShouldBe(430);
    }

    [Fact]
    public async Task A_batch_beyond_the_allowance_answers_the_paths_it_covers_and_430_for_the_rest()
    {
        var (token, vehicleId) = await _driver.ConnectVehicleAsync();
        _driver.LimitVehicleRequestsPerMonth(2);

        var batch = await JsonAsync(await BatchAsync(token, vehicleId, "/odometer", "/location", "/security"));

        Codes(batch).ShouldBe([200, 200, 430]);
        var refused = batch.GetProperty("responses")[2];
        refused.GetProperty("body").GetProperty("type").GetString().ShouldBe("BILLING");
        refused.GetProperty("body").GetProperty("code").GetString().ShouldBe("VEHICLE_REQUEST_LIMIT");
        refused.GetProperty("headers").GetProperty("content-type").GetString().ShouldBe("application/json");

        var next = await BatchAsync(token, vehicleId, "/odometer");
        ((int)next.StatusCode).ShouldBe(430, "with nothing left, the whole batch is refused");
        (await JsonAsync(next)).GetProperty("code").GetString().ShouldBe("VEHICLE_REQUEST_LIMIT");
    }

    [Fact]
    public async Task V3_signals_and_commands_count_and_answer_430_in_the_v3_shape_but_connections_do_not_count()
    {
        var location = await _driver.ConnectAsync(authorizeUrl: AuthorizeUrl(scope: AllScopes));
        var userId = QueryOf(location)["user_id"];
        var vehicleId = _driver.Emulator.World.FindUserByEmail("driver@example.com")!.Vehicles[0].Id;
        var appToken = await _driver.ApplicationTokenAsync();
        _driver.LimitVehicleRequestsPerMonth(2);

        for (var i = 0; i < 5; i++)
        {
            (await _driver.SendApiAsync(HttpMethod.Get, "/v3/connections", appToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await _driver.SendApiAsync(HttpMethod.Get, $"/v3/vehicles/{vehicleId}/signals", appToken, userId: userId)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _driver.SendApiAsync(HttpMethod.Post, $"/v3/vehicles/{vehicleId}/commands/security/lock", appToken, userId: userId))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await _driver.SendApiAsync(HttpMethod.Get, $"/v3/vehicles/{vehicleId}/signals", appToken, userId: userId);

        ((int)refused.StatusCode).ShouldBe(430);
        var error = (await JsonAsync(refused)).GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("status").GetString().ShouldBe("430");
        error.GetProperty("type").GetString().ShouldBe("BILLING");
        error.GetProperty("code").GetString().ShouldBe("VEHICLE_REQUEST_LIMIT");
        error.GetProperty("detail").GetString().ShouldBe(Description);
        error.GetProperty("links").GetProperty("about").GetString().ShouldBe("https://smartcar.com/docs/errors/api-errors/billing-errors#vehicle_request_limit");
    }

    private Task<HttpResponseMessage> OdometerAsync(string token, string vehicleId) =>
        _driver.GetApiAsync($"/v2.0/vehicles/{vehicleId}/odometer", token);

    private Task<HttpResponseMessage> BatchAsync(string token, string vehicleId, params string[] paths) =>
        _driver.SendApiAsync(HttpMethod.Post, $"/v2.0/vehicles/{vehicleId}/batch", token,
            JsonSerializer.Serialize(new { requests = paths.Select(path => new { path }) }));

    private static List<int> Codes(JsonElement batch) =>
        [.. batch.GetProperty("responses").EnumerateArray().Select(r => r.GetProperty("code").GetInt32())];
}
