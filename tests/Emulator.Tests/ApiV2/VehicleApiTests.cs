using System.Net;
using System.Text.Json;
using SmartcarClean.Emulator.Testing;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.ApiV2;

public sealed class VehicleApiTests : IDisposable
{
    private readonly EmulatorDriver _driver = new();

    public void Dispose() => _driver.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task Missing_or_unknown_token_is_401_with_the_v2_error_body(string? token)
    {
        var response = await _driver.GetApiAsync("/v2.0/vehicles", token);

        await ShouldBeAuthenticationError(response);
    }

    [Fact]
    public async Task Access_token_expires_after_two_hours()
    {
        var tokens = await _driver.ConnectAndExchangeAsync();

        _driver.Clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        (await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        _driver.Clock.Advance(TimeSpan.FromSeconds(1));
        await ShouldBeAuthenticationError(await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken));
    }

    [Fact]
    public async Task N_vehicles_email_gives_N_vehicles_with_paging()
    {
        var tokens = await _driver.ConnectAndExchangeAsync("25-vehicles@smartcar.com");

        var firstPage = await JsonAsync(await _driver.GetApiAsync("/v2.0/vehicles/", tokens.AccessToken));
        firstPage.GetProperty("vehicles").GetArrayLength().ShouldBe(10);
        firstPage.GetProperty("paging").GetProperty("count").GetInt32().ShouldBe(25);
        firstPage.GetProperty("paging").GetProperty("offset").GetInt32().ShouldBe(0);

        var lastPage = await JsonAsync(await _driver.GetApiAsync("/v2.0/vehicles?limit=10&offset=20", tokens.AccessToken));
        lastPage.GetProperty("vehicles").GetArrayLength().ShouldBe(5);
        lastPage.GetProperty("paging").GetProperty("offset").GetInt32().ShouldBe(20);

        var all = await JsonAsync(await _driver.GetApiAsync("/v2.0/vehicles?limit=50", tokens.AccessToken));
        var ids = all.GetProperty("vehicles").EnumerateArray().Select(v => v.GetString()).ToList();
        ids.Count.ShouldBe(25);
        ids.Distinct().Count().ShouldBe(25);
    }

    [Fact]
    public async Task Limit_is_capped_at_fifty_and_bad_paging_is_a_validation_error()
    {
        var tokens = await _driver.ConnectAndExchangeAsync("120-vehicles@smartcar.com");

        var capped = await JsonAsync(await _driver.GetApiAsync("/v2.0/vehicles?limit=500", tokens.AccessToken));
        capped.GetProperty("vehicles").GetArrayLength().ShouldBe(50);
        capped.GetProperty("paging").GetProperty("count").GetInt32().ShouldBe(120);

        var invalid = await _driver.GetApiAsync("/v2.0/vehicles?limit=abc", tokens.AccessToken);
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(invalid)).GetProperty("type").GetString().ShouldBe("VALIDATION");
    }

    [Fact]
    public async Task Vehicles_have_stable_ids_make_model_year_and_a_17_character_vin()
    {
        var tokens = await _driver.ConnectWithScopesAsync("read_vehicle_info read_vin", brand: "TESLA");
        var id = await FirstVehicleIdAsync(tokens.AccessToken);

        var response = await _driver.GetApiAsync($"/v2.0/vehicles/{id}", tokens.AccessToken);
        var attributes = await JsonAsync(response);
        attributes.GetProperty("model").GetString().ShouldBe("Model 3");
        attributes.GetProperty("year").GetInt32().ShouldBe(2021);

        var vin = (await JsonAsync(await _driver.GetApiAsync($"/v2.0/vehicles/{id}/vin", tokens.AccessToken))).GetProperty("vin").GetString()!;
        vin.Length.ShouldBe(17);
        vin.ShouldNotContain("I");
        vin.ShouldNotContain("O");
        vin.ShouldNotContain("Q");
    }

    [Fact]
    public async Task Vehicle_responses_carry_smartcar_headers()
    {
        var tokens = await _driver.ConnectAndExchangeAsync();
        var id = await FirstVehicleIdAsync(tokens.AccessToken);

        var response = await _driver.GetApiAsync($"/v2.0/vehicles/{id}", tokens.AccessToken);

        Guid.TryParse(Header(response, "sc-request-id"), out _).ShouldBeTrue();
        Header(response, "sc-unit-system").ShouldBe("metric");
        DateTimeOffset.Parse(Header(response, "sc-data-age")!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(_driver.Clock.GetUtcNow());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
    }

    [Fact]
    public async Task Vehicle_the_token_does_not_cover_is_403_permission()
    {
        var mine = await _driver.ConnectAndExchangeAsync("me@example.com");
        var theirs = await _driver.ConnectAndExchangeAsync("them@example.com");
        var theirVehicle = await FirstVehicleIdAsync(theirs.AccessToken);

        var response = await _driver.GetApiAsync($"/v2.0/vehicles/{theirVehicle}", mine.AccessToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var body = await JsonAsync(response);
        body.GetProperty("type").GetString().ShouldBe("PERMISSION");
        body.GetProperty("statusCode").GetInt32().ShouldBe(403);
    }

    [Fact]
    public async Task Permissions_echo_the_granted_scopes_without_required_prefix()
    {
        var tokens = await _driver.ConnectAndExchangeAsync();
        var id = await FirstVehicleIdAsync(tokens.AccessToken);

        var body = await JsonAsync(await _driver.GetApiAsync($"/v2.0/vehicles/{id}/permissions", tokens.AccessToken));

        body.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldBe(["read_vehicle_info", "read_odometer"]);
    }

    [Fact]
    public async Task Unknown_api_path_is_404_resource_not_found()
    {
        var tokens = await _driver.ConnectAndExchangeAsync();

        var response = await _driver.GetApiAsync("/v2.0/garages", tokens.AccessToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await JsonAsync(response)).GetProperty("type").GetString().ShouldBe("RESOURCE_NOT_FOUND");
    }

    private async Task<string> FirstVehicleIdAsync(string accessToken) =>
        (await JsonAsync(await _driver.GetApiAsync("/v2.0/vehicles", accessToken))).GetProperty("vehicles")[0].GetString()!;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.First() : null;

    private static async Task ShouldBeAuthenticationError(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var body = await JsonAsync(response);
        body.GetProperty("type").GetString().ShouldBe("AUTHENTICATION");
        body.GetProperty("code").ValueKind.ShouldBe(JsonValueKind.Null);
        body.GetProperty("description").GetString()!.ShouldStartWith("The authorization header is missing or malformed");
        body.GetProperty("docURL").GetString().ShouldBe("https://smartcar.com/docs/errors/api-errors/authentication-errors#null");
        body.GetProperty("statusCode").GetInt32().ShouldBe(401);
        body.GetProperty("resolution").GetProperty("type").GetString().ShouldBe("REAUTHENTICATE");
        body.GetProperty("suggestedUserMessage").GetString().ShouldNotBeNullOrEmpty();
        body.GetProperty("requestId").GetString().ShouldBe(Header(response, "sc-request-id"));
    }
}
