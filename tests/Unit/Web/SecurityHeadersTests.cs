using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SmartcarClean.Unit.Web;

/// <summary>What every response of the deployed app carries, over a real socket, the error pages included.</summary>
public sealed partial class SecurityHeadersTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/?fail=1", HttpStatusCode.InternalServerError)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/account/signin", HttpStatusCode.OK)]
    public async Task Every_response_carries_the_security_headers_error_pages_included(string path, HttpStatusCode status)
    {
        using var client = Client();

        using var response = await client.SendAsync(ViaProxy(HttpMethod.Get, path));

        response.StatusCode.ShouldBe(status);
        Header(response, "Content-Security-Policy").ShouldStartWith("default-src 'self'");
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "X-Frame-Options").ShouldBe("DENY");
        Header(response, "Referrer-Policy").ShouldBe("no-referrer");
        Header(response, "Strict-Transport-Security").ShouldStartWith("max-age=");
        response.Headers.Contains("Server").ShouldBeFalse("no Server header");
    }

    [Fact]
    public async Task The_500_page_is_the_apps_own_page_with_no_detail()
    {
        using var client = Client();

        using var response = await client.SendAsync(ViaProxy(HttpMethod.Get, "/?fail=1"));

        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Something went wrong");
        html.ShouldNotContain("InvalidOperationException");
    }

    [Fact]
    public async Task Outside_development_the_antiforgery_and_sign_in_cookies_are_secure()
    {
        using var client = Client();

        using var page = await client.SendAsync(ViaProxy(HttpMethod.Get, "/account/register"));
        var antiforgery = SetCookies(page).ShouldHaveSingleItem();
        antiforgery.ShouldContain("secure", Case.Insensitive);

        var register = ViaProxy(HttpMethod.Post, "/account/register");
        register.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        register.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = WebSession.NewEmail(),
            ["Input.Password"] = WebSession.Password,
            ["Input.ConfirmPassword"] = WebSession.Password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value),
        });
        using var registered = await client.SendAsync(register);

        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var signIn = SetCookies(registered).Where(c => c.StartsWith("smartcarclean.auth=", StringComparison.Ordinal)).ShouldHaveSingleItem();
        signIn.ShouldContain("secure", Case.Insensitive);
        signIn.ShouldContain("httponly", Case.Insensitive);
    }

    [Fact]
    public async Task Outside_development_plain_http_gets_a_page_that_says_https_not_a_500()
    {
        using var client = Client();

        // No proxy says the visitor used https, and the app knows no https port to redirect to.
        using var response = await client.GetAsync(new Uri("/account/register", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("works over https only");
        Header(response, "Content-Security-Policy").ShouldStartWith("default-src 'self'");
    }

    [Fact]
    public void The_proxies_whose_forwarded_headers_count_are_the_configured_ones_only()
    {
        var forwarded = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        forwarded.KnownProxies.ShouldBe([IPAddress.Parse(ProductionApp.ForwardingProxy)]);
        forwarded.KnownIPNetworks.ShouldBeEmpty("not even loopback, unless configured");
    }

    private HttpClient Client() => app.CreateSocketClient();

    /// <summary>A request as the TLS-terminating proxy on this host forwards it: https, for the app's public name.</summary>
    private static HttpRequestMessage ViaProxy(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Host = "app.example.com";
        request.Headers.Add("X-Forwarded-Proto", "https");
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : $"(no {name})";

    private static string[] SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
