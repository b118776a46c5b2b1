using System.Net;
using SmartcarClean.Emulator.Hosting;
using SmartcarClean.Emulator.Testing;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.Hosting;

public sealed class EmulatorHostTests : IDisposable
{
    private readonly EmulatorDriver _driver = new();

    public void Dispose() => _driver.Dispose();

    [Fact]
    public void Binds_to_loopback_on_a_dynamic_port()
    {
        var url = new Uri(_driver.Emulator.BaseUrl);

        url.Host.ShouldBe("127.0.0.1");
        url.Port.ShouldBeGreaterThan(0);
        _driver.Emulator.BaseUrl.ShouldNotEndWith("/");
    }

    [Fact]
    public async Task Requests_are_recorded_oldest_first_with_status_codes()
    {
        await _driver.ConnectAndExchangeAsync();
        await _driver.GetApiAsync("/v2.0/vehicles?limit=5", "bad-token");

        var requests = _driver.Emulator.Requests;
        requests[0].Method.ShouldBe("GET");
        requests[0].Path.ShouldBe("/oauth/authorize");
        requests[0].StatusCode.ShouldBe(200);
        requests[^1].Path.ShouldBe("/v2.0/vehicles");
        requests[^1].Query.ShouldContain("limit=5");
        requests[^1].Headers["authorization"].ShouldBe("Bearer ***", "the log masks credentials");
        requests[^1].StatusCode.ShouldBe(401);
        requests.Single(r => r.Path == "/oauth/token").Body!.ShouldContain("grant_type=authorization_code");
        _driver.Emulator.CountRequests("POST", "/oauth/token").ShouldBe(1);
        _driver.Emulator.CountRequests("get", "/v2.0/").ShouldBe(1);
    }

    [Fact]
    public async Task WireMocks_admin_api_is_off_by_default_so_no_mapping_can_serve_a_file_from_the_machine()
    {
        var secretFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(secretFile, "key ring contents");
        try
        {
            var mapping = """{"Request":{"Path":"/steal","Methods":["GET"]},"Priority":-1,"Response":{"StatusCode":200,"BodyAsFile":"""
                + System.Text.Json.JsonSerializer.Serialize(secretFile) + "}}";

            var added = await _driver.Http.PostAsync("/__admin/mappings", new StringContent(mapping, System.Text.Encoding.UTF8, "application/json"));
            var log = await _driver.Http.GetAsync("/__admin/requests");
            var stolen = await _driver.Http.GetAsync("/steal");

            added.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            log.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            stolen.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await stolen.Content.ReadAsStringAsync()).ShouldNotContain("key ring contents");
        }
        finally
        {
            File.Delete(secretFile);
        }
    }

    [Fact]
    public async Task WireMocks_admin_api_can_be_turned_on_for_debugging_and_is_not_counted_as_a_request()
    {
        using var driver = new EmulatorDriver(options => options.EnableWireMockAdmin = true);
        await driver.Http.GetAsync(AuthorizeUrl());

        var admin = await driver.Http.GetAsync("/__admin/requests");

        admin.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.Content.ReadAsStringAsync()).ShouldContain("/oauth/authorize");
        driver.Emulator.Requests.ShouldAllBe(r => !r.Path.StartsWith("/__admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_routes_are_404_json()
    {
        var response = await _driver.Http.GetAsync("/nowhere");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
    }

    [Fact]
    public async Task Reset_forgets_users_codes_tokens_and_requests_but_keeps_applications()
    {
        var tokens = await _driver.ConnectAndExchangeAsync("kept@example.com");
        var pendingCode = await _driver.GetCodeAsync();

        _driver.Emulator.Reset();

        _driver.Emulator.Requests.ShouldBeEmpty();
        _driver.Emulator.IssuedTokens.ShouldBeEmpty();
        _driver.Emulator.World.FindUserByEmail("kept@example.com").ShouldBeNull();
        (await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _driver.RefreshAsync(tokens.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _driver.ExchangeCodeAsync(pendingCode)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _driver.ConnectAndExchangeAsync()).AccessToken.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Shipped_applications_file_registers_the_default_client()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "applications.json");

        var application = ApplicationsFile.Load(path).ShouldHaveSingleItem();

        application.ClientId.ShouldBe(ClientId);
        application.ClientSecret.ShouldBe(ClientSecret);
        application.RedirectUris.ShouldBe([RedirectUri]);
    }
}
