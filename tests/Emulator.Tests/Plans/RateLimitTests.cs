using System.Net;
using System.Text.Json;
using SmartcarClean.Emulator.Testing;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.Plans;

/// <summary>
/// The application's rate bucket (429 RATE_LIMIT / SMARTCAR_API) and the per-vehicle throttle (429 RATE_LIMIT / VEHICLE),
/// each with Retry-After in seconds, on the emulator's clock (reference §5.4, "Limits").
/// </summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly EmulatorDriver _driver = new();

    public void Dispose() => _driver.Dispose();

    [Fact]
    public async Task An_empty_application_bucket_is_429_SMARTCAR_API_until_a_request_comes_back()
    {
        var (token, _) = await _driver.ConnectVehicleAsync();
        _driver.LimitApplicationRate(2, TimeSpan.FromSeconds(30));

        (await UserAsync(token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await UserAsync(token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldBeRateLimitedAsync(await UserAsync(token), "SMARTCAR_API", retryAfter: 30,
            "Your application has exceeded its rate limit. Please retry your request in a few minutes.");

        _driver.Emulator.AdvanceClock(TimeSpan.FromSeconds(29));
        await ShouldBeRateLimitedAsync(await UserAsync(token), "SMARTCAR_API", retryAfter: 1);

        _driver.Emulator.AdvanceClock(TimeSpan.FromSeconds(1));
        (await UserAsync(token)).StatusCode.ShouldBe(HttpStatusCode.OK, "one request came back after 30 s");
        await ShouldBeRateLimitedAsync(await UserAsync(token), "SMARTCAR_API", retryAfter: 30);

        _driver.Emulator.AdvanceClock(TimeSpan.FromMinutes(10));
        (await UserAsync(token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await UserAsync(token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldBeRateLimitedAsync(await UserAsync(token), "SMARTCAR_API", retryAfter: 30, because: "the bucket holds 2 at most");
    }

    [Fact]
    public async Task The_bucket_counts_v3_calls_is_per_application_and_spares_the_token_endpoint()
    {
        var mine = await _driver.ApplicationTokenAsync();
        var theirs = await _driver.ApplicationTokenAsync(OtherClientId, OtherClientSecret);
        _driver.LimitApplicationRate(1);

        (await ConnectionsAsync(mine)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await ConnectionsAsync(mine);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        Header(refused, "Retry-After").ShouldBe("30");
        var error = (await JsonAsync(refused)).GetProperty("errors").EnumerateArray().Single();
        (error.GetProperty("status").GetString(), error.GetProperty("type").GetString(), error.GetProperty("code").GetString())
            .ShouldBe(("429", "RATE_LIMIT", "SMARTCAR_API"));
        (await ConnectionsAsync(theirs)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _driver.RequestApplicationTokenAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_vehicle_over_its_throttle_is_429_VEHICLE_until_the_window_ends_and_other_vehicles_go_on()
    {
        var tokens = await _driver.ConnectWithScopesAsync(AllScopes, "2-vehicles@smartcar.com");
        var ids = (await JsonAsync(await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken))).GetProperty("vehicles")
            .EnumerateArray().Select(v => v.GetString()!).ToList();
        _driver.ThrottleVehicles(2, TimeSpan.FromMinutes(1));

        (await OdometerAsync(tokens.AccessToken, ids[0])).StatusCode.ShouldBe(HttpStatusCode.OK);
        _driver.Emulator.AdvanceClock(TimeSpan.FromSeconds(20));
        (await OdometerAsync(tokens.AccessToken, ids[0])).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldBeRateLimitedAsync(await OdometerAsync(tokens.AccessToken, ids[0]), "VEHICLE", retryAfter: 40,
            "You have reached the throttling rate limit for this vehicle. Please see the retry-after header (seconds) for when to retry the request.");
        (await OdometerAsync(tokens.AccessToken, ids[1])).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK, "not a vehicle's call");

        _driver.Emulator.AdvanceClock(TimeSpan.FromSeconds(39));
        await ShouldBeRateLimitedAsync(await OdometerAsync(tokens.AccessToken, ids[0]), "VEHICLE", retryAfter: 1);
        _driver.Emulator.AdvanceClock(TimeSpan.FromSeconds(1));
        (await OdometerAsync(tokens.AccessToken, ids[0])).StatusCode.ShouldBe(HttpStatusCode.OK, "Retry-After has passed");
    }

    [Fact]
    public async Task A_batch_is_one_call_for_the_throttle()
    {
        var (token, vehicleId) = await _driver.ConnectVehicleAsync();
        _driver.ThrottleVehicles(1);

        var batch = await _driver.SendApiAsync(HttpMethod.Post, $"/v2.0/vehicles/{vehicleId}/batch", token,
            JsonSerializer.Serialize(new { requests = new[] { new { path = "/odometer" }, new { path = "/location" } } }));

        batch.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JsonAsync(batch)).GetProperty("responses").EnumerateArray().Select(r => r.GetProperty("code").GetInt32()).ShouldBe([200, 200]);
        await ShouldBeRateLimitedAsync(await OdometerAsync(token, vehicleId), "VEHICLE", retryAfter: 60);
    }

    [Fact]
    public async Task The_v3_throttle_answers_in_the_v3_shape_with_Retry_After()
    {
        var userId = QueryOf(await _driver.ConnectAsync(authorizeUrl: AuthorizeUrl(scope: AllScopes)))["user_id"];
        var vehicleId = _driver.Emulator.World.FindUserByEmail("driver@example.com")!.Vehicles[0].Id;
        var appToken = await _driver.ApplicationTokenAsync();
        _driver.ThrottleVehicles(1, TimeSpan.FromSeconds(90));

        (await _driver.SendApiAsync(HttpMethod.Get, $"/v3/vehicles/{vehicleId}/signals", appToken, userId: userId)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await _driver.SendApiAsync(HttpMethod.Post, $"/v3/vehicles/{vehicleId}/commands/security/lock", appToken, userId: userId);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        Header(refused, "Retry-After").ShouldBe("90");
        var error = (await JsonAsync(refused)).GetProperty("errors").EnumerateArray().Single();
        (error.GetProperty("status").GetString(), error.GetProperty("type").GetString(), error.GetProperty("code").GetString())
            .ShouldBe(("429", "RATE_LIMIT", "VEHICLE"));
        error.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    private Task<HttpResponseMessage> UserAsync(string token) => _driver.GetApiAsync("/v2.0/user", token);

    private Task<HttpResponseMessage> ConnectionsAsync(string appToken) => _driver.SendApiAsync(HttpMethod.Get, "/v3/connections", appToken);

    private Task<HttpResponseMessage> OdometerAsync(string token, string vehicleId) =>
        _driver.GetApiAsync($"/v2.0/vehicles/{vehicleId}/odometer", token);

    private static async Task ShouldBeRateLimitedAsync(
        HttpResponseMessage response, string code, int retryAfter, string? description = null, string? because = null)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, because);
        Header(response, "Retry-After").ShouldBe(retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var body = await JsonAsync(response);
        body.GetProperty("type").GetString().ShouldBe("RATE_LIMIT");
        body.GetProperty("code").GetString().ShouldBe(code);
        body.GetProperty("statusCode").GetInt32().ShouldBe(429);
        body.GetProperty("resolution").GetProperty("type").GetString().ShouldBe("RETRY_LATER");
        if (description is not null)
        {
            body.GetProperty("description").GetString().ShouldBe(description);
        }
    }
}
