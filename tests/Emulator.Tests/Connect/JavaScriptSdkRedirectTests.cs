using System.Net;
using SmartcarClean.Emulator.Testing;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.Connect;

/// <summary>
/// Connect in a pop-up (reference §7.4): an application registers Smartcar's JavaScript SDK redirect page; offline,
/// Connect ends on the emulator's copy of that page, and the code is exchanged with the registered URI.
/// </summary>
public sealed class JavaScriptSdkRedirectTests : IDisposable
{
    private const string SdkRedirectUri = "https://javascript-sdk.smartcar.com/v2/redirect?app_origin=http://localhost:8000";
    private readonly EmulatorDriver _driver = new();

    public JavaScriptSdkRedirectTests() => _driver.Emulator.World.AddRedirectUri(ClientId, SdkRedirectUri).Succeeded.ShouldBeTrue();

    public void Dispose() => _driver.Dispose();

    [Fact]
    public async Task Allow_lands_on_the_emulators_redirect_page_with_app_origin_code_and_state_and_the_code_exchanges_with_the_registered_uri()
    {
        var location = await _driver.ConnectAsync(authorizeUrl: AuthorizeUrl(redirectUri: SdkRedirectUri, state: "eyJpbnN0YW5jZUlkIjoiMSJ9+/="));

        location.GetLeftPart(UriPartial.Path).ShouldBe(_driver.Emulator.BaseUrl + "/v2/redirect");
        var query = QueryOf(location);
        query["app_origin"].ShouldBe("http://localhost:8000");
        query["state"].ShouldBe("eyJpbnN0YW5jZUlkIjoiMSJ9+/="); // byte for byte, as URLSearchParams reads it
        Guid.TryParse(query["code"], out _).ShouldBeTrue();

        (await _driver.ExchangeCodeAsync(query["code"], SdkRedirectUri)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deny_lands_on_the_redirect_page_with_the_error()
    {
        var location = await _driver.ConnectAsync(allow: false, authorizeUrl: AuthorizeUrl(redirectUri: SdkRedirectUri));

        location.GetLeftPart(UriPartial.Path).ShouldBe(_driver.Emulator.BaseUrl + "/v2/redirect");
        var query = QueryOf(location);
        query["error"].ShouldBe("access_denied");
        query["state"].ShouldBe("state-123");
        query.ShouldNotContainKey("code");
    }

    [Fact]
    public async Task An_unregistered_app_origin_is_refused_at_connect()
    {
        var page = await _driver.BadRequestPageAsync(
            AuthorizeUrl(redirectUri: "https://javascript-sdk.smartcar.com/v2/redirect?app_origin=http://localhost:9000"));

        page.ShouldContain("400: Unauthorized redirect_uri");
    }

    [Fact]
    public async Task A_code_issued_for_the_sdk_page_does_not_exchange_with_the_apps_other_redirect_uri()
    {
        var location = await _driver.ConnectAsync(authorizeUrl: AuthorizeUrl(redirectUri: SdkRedirectUri));

        var exchange = await _driver.ExchangeCodeAsync(QueryOf(location)["code"], RedirectUri);

        exchange.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(exchange)).GetProperty("error").GetString().ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task The_page_loads_its_script_which_posts_the_sdk_message_to_app_origin_and_closes()
    {
        var page = await _driver.GetPageAsync("/v2/redirect?app_origin=http://localhost:8000&code=c&state=s");
        page.ShouldContain("<script src=\"/v2/redirect.js\"></script>");

        var response = await _driver.Http.GetAsync("/v2/redirect.js");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        var script = await response.Content.ReadAsStringAsync();
        script.ShouldContain("name: 'SmartcarAuthMessage'");
        script.ShouldContain("errorDescription: params.get('error_description')");
        script.ShouldContain("window.opener.postMessage(message, params.get('app_origin') || window.location.origin);");
        script.ShouldContain("window.close();");
    }

    [Fact]
    public async Task Only_smartcars_sdk_page_is_served_by_the_emulator_instead_a_look_alike_host_is_redirected_to_as_registered()
    {
        const string lookAlike = "https://javascript-sdk.smartcar.com.example/v2/redirect?app_origin=http://localhost:8000";
        _driver.Emulator.World.AddRedirectUri(ClientId, lookAlike).Succeeded.ShouldBeTrue();

        var location = await _driver.ConnectAsync(authorizeUrl: AuthorizeUrl(redirectUri: lookAlike));

        location.AbsoluteUri.ShouldStartWith(lookAlike + "&code=");
    }
}
