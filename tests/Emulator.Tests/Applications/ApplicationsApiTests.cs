using System.Net;
using System.Net.Http.Json;
using SmartcarClean.Emulator.Testing;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.Applications;

/// <summary>Applications managed at run time through /_emulator/applications, then used by Connect.</summary>
public sealed class ApplicationsApiTests : IDisposable
{
    private const string NewClientId = "6b7c9d1e-0000-4000-8000-000000000001";

    private readonly EmulatorDriver _driver = new();

    public void Dispose() => _driver.Dispose();

    [Fact]
    public async Task A_registered_application_can_connect_and_its_secret_is_never_shown()
    {
        var created = await _driver.Http.PostAsJsonAsync("/_emulator/applications", new
        {
            clientId = NewClientId,
            clientSecret = "new-secret",
            redirectUris = new[] { "https://myapp.example.com/exchange", "http://localhost:9000/exchange" },
        });

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.Content.ReadAsStringAsync();
        body.ShouldContain("\"defaultRedirectUri\":\"https://myapp.example.com/exchange\"");
        body.ShouldNotContain("new-secret");
        var redirect = await _driver.ConnectAsync(authorizeUrl: AuthorizeUrl(clientId: NewClientId, redirectUri: "http://localhost:9000/exchange"));
        redirect.GetLeftPart(UriPartial.Path).ShouldBe("http://localhost:9000/exchange");
        (await (await _driver.Http.GetAsync("/_emulator/applications")).Content.ReadAsStringAsync()).ShouldNotContain("new-secret");
    }

    [Fact]
    public async Task A_redirect_uri_can_be_added_and_made_the_default()
    {
        var added = await _driver.Http.PostAsJsonAsync($"/_emulator/applications/{ClientId}/redirect-uris", new { uri = "https://second.example.com/cb" });
        added.StatusCode.ShouldBe(HttpStatusCode.OK);

        var made = await _driver.Http.PutAsJsonAsync($"/_emulator/applications/{ClientId}/default-redirect-uri", new { uri = "https://second.example.com/cb" });

        made.StatusCode.ShouldBe(HttpStatusCode.OK);
        var redirect = await _driver.ConnectAsync(authorizeUrl: AuthorizeUrl(redirectUri: null));
        redirect.GetLeftPart(UriPartial.Path).ShouldBe("https://second.example.com/cb");
    }

    [Theory]
    [InlineData("http://myapp.example.com/cb", "http:// is allowed only on localhost")]
    [InlineData("sc00000000-0000-0000-0000-000000000000://cb", "sc")]
    public async Task A_redirect_uri_smartcar_would_refuse_is_400_naming_the_rule(string uri, string rule)
    {
        var response = await _driver.Http.PostAsJsonAsync($"/_emulator/applications/{ClientId}/redirect-uris", new { uri });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(rule);
    }

    [Fact]
    public async Task Bad_bodies_and_unknown_applications_are_clear_errors()
    {
        (await _driver.Http.PostAsJsonAsync("/_emulator/applications", new { clientId = NewClientId, clientSecret = "s", redirectUris = Array.Empty<string>() }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _driver.Http.PostAsJsonAsync("/_emulator/applications", new { clientId = NewClientId, redirectUris = new[] { "https://a.example" } }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _driver.Http.PostAsJsonAsync("/_emulator/applications", new { clientId = NewClientId, clientSecret = "s", redirectUris = new[] { 5 } }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _driver.Http.PutAsJsonAsync("/_emulator/applications/nobody/default-redirect-uri", new { uri = "https://a.example" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
