using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SmartcarClean.Unit.Web.Operations;

/// <summary>
/// Forwarded headers count only from the configured proxies: behind one, the app sees the client's address (the rate
/// limiter's key), https and the public host (redirects); from anywhere else, the same headers are ignored. The
/// redirect URI sent to Smartcar is the configured one, whatever host is forwarded. Every request here comes from
/// 127.0.0.1 over a real socket: a proxy on this host for <see cref="ProxiedApp"/>, a stranger for <see cref="DirectApp"/>
/// (no proxy configured, the default).
/// </summary>
public sealed class BehindAProxyTests(BehindAProxyTests.ProxiedApp proxied, BehindAProxyTests.DirectApp direct)
    : IClassFixture<BehindAProxyTests.ProxiedApp>, IClassFixture<BehindAProxyTests.DirectApp>
{
    private const string PublicHost = "app.example.com";

    [Fact]
    public async Task Behind_a_known_proxy_each_forwarded_client_address_has_its_own_sign_in_allowance()
    {
        using var client = KestrelClient.For(proxied.Services);

        (await WrongSignInAsync(client, Proxy("203.0.113.10"))).ShouldBe(HttpStatusCode.BadRequest);
        (await WrongSignInAsync(client, Proxy("203.0.113.10"))).ShouldBe(HttpStatusCode.BadRequest);
        (await WrongSignInAsync(client, Proxy("203.0.113.10"))).ShouldBe(HttpStatusCode.TooManyRequests);

        (await WrongSignInAsync(client, Proxy("203.0.113.11"))).ShouldBe(HttpStatusCode.BadRequest, "another client behind the same proxy");
    }

    [Fact]
    public async Task A_forged_x_forwarded_for_from_an_address_that_is_no_known_proxy_buys_no_new_allowance()
    {
        using var client = KestrelClient.For(direct.Services);

        (await WrongSignInAsync(client, [("X-Forwarded-For", "198.51.100.1")])).ShouldBe(HttpStatusCode.BadRequest);
        (await WrongSignInAsync(client, [("X-Forwarded-For", "198.51.100.2")])).ShouldBe(HttpStatusCode.BadRequest);

        (await WrongSignInAsync(client, [("X-Forwarded-For", "198.51.100.3")])).ShouldBe(HttpStatusCode.TooManyRequests,
            "every attempt came from 127.0.0.1, whatever it said");
    }

    [Fact]
    public async Task Behind_a_known_proxy_redirects_go_to_https_on_the_public_host()
    {
        using var client = KestrelClient.For(proxied.Services);

        // The proxy reaches the app by an internal name and says which host and scheme the visitor used.
        using var response = await client.SendAsync(KestrelClient.Request(HttpMethod.Get, "/vehicles",
            ("Host", "10.0.0.7:8080"), ("X-Forwarded-Host", PublicHost), ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "203.0.113.20")));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.GetLeftPart(UriPartial.Path).ShouldBe($"https://{PublicHost}/account/signin");
    }

    [Fact]
    public async Task A_known_proxy_cannot_forward_a_host_the_settings_do_not_list()
    {
        using var client = KestrelClient.For(proxied.Services);

        using var response = await client.SendAsync(KestrelClient.Request(HttpMethod.Get, "/vehicles",
            ("Host", "10.0.0.7:8080"), ("X-Forwarded-Host", "evil.example.com"), ("X-Forwarded-Proto", "https")));

        response.Headers.Location?.Host.ShouldNotBe("evil.example.com");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("evil.example.com");
    }

    [Fact]
    public async Task Forged_x_forwarded_proto_and_host_from_an_address_that_is_no_known_proxy_change_no_redirect()
    {
        using var client = KestrelClient.For(direct.Services);

        using var response = await client.SendAsync(KestrelClient.Request(HttpMethod.Get, "/vehicles",
            ("Host", "direct.example.com"), ("X-Forwarded-Host", "evil.example.com"), ("X-Forwarded-Proto", "https")));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.GetLeftPart(UriPartial.Path).ShouldBe("http://direct.example.com/account/signin",
            "the request was plain http for direct.example.com, whatever its headers said");
    }

    [Fact]
    public async Task A_forged_x_forwarded_proto_does_not_make_the_sign_in_cookie_think_it_travels_over_https()
    {
        using var client = KestrelClient.For(direct.Services);

        using var registered = await RegisterAsync(client, [("Host", "direct.example.com"), ("X-Forwarded-Proto", "https")]);

        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var signIn = KestrelClient.SetCookies(registered).Single(c => c.StartsWith("smartcarclean.auth=", StringComparison.Ordinal));
        signIn.ShouldNotContain("secure", Case.Insensitive);
    }

    [Fact]
    public async Task The_redirect_uri_sent_to_smartcar_is_the_configured_one_whatever_host_a_known_proxy_forwards()
    {
        using var client = KestrelClient.For(proxied.Services);
        var headers = Proxy("203.0.113.30", host: "www.example.com");
        using var registered = await RegisterAsync(client, headers);
        var cookie = KestrelClient.SetCookies(registered).Single(c => c.StartsWith("smartcarclean.auth=", StringComparison.Ordinal)).Split(';')[0];

        using var login = KestrelClient.Request(HttpMethod.Get, "/login", headers);
        login.Headers.Add("Cookie", cookie);
        using var connect = await client.SendAsync(login);

        connect.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        QueryHelpers.ParseQuery(connect.Headers.Location!.Query)["redirect_uri"].ToString().ShouldBe($"https://{PublicHost}/exchange");
    }

    [Fact]
    public void Out_of_the_box_no_forwarded_header_is_applied_from_anyone_not_even_loopback()
    {
        var forwarded = direct.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        // With no proxy and no network listed, ASP.NET would apply the headers from every address.
        forwarded.ForwardedHeaders.ShouldBe(ForwardedHeaders.None);
        forwarded.KnownProxies.ShouldBeEmpty();
        forwarded.KnownIPNetworks.ShouldBeEmpty();
    }

    [Fact]
    public void Only_the_configured_networks_are_trusted()
    {
        var forwarded = proxied.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        forwarded.KnownIPNetworks.ShouldBe([System.Net.IPNetwork.Parse("127.0.0.0/8")]);
        forwarded.KnownProxies.ShouldBeEmpty("not even ASP.NET's default, ::1");
    }

    /// <summary>The headers the TLS-terminating proxy on this host adds for a visitor at <paramref name="client"/>.</summary>
    private static (string, string)[] Proxy(string client, string host = PublicHost) =>
        [("Host", "10.0.0.7:8080"), ("X-Forwarded-Host", host), ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", client)];

    private static async Task<HttpStatusCode> WrongSignInAsync(HttpClient client, (string, string)[] headers)
    {
        using var response = await KestrelClient.SubmitAsync(client, "/account/signin",
            new() { ["Input.Email"] = "nobody@example.com", ["Input.Password"] = "not the password" }, null, headers);
        return response.StatusCode;
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, (string, string)[] headers) =>
        KestrelClient.SubmitAsync(client, "/account/register", new()
        {
            ["Input.Email"] = WebSession.NewEmail(),
            ["Input.Password"] = WebSession.Password,
            ["Input.ConfirmPassword"] = WebSession.Password,
        }, null, headers);

    /// <summary>Deployed behind a TLS-terminating proxy on this host, which may forward two public host names.</summary>
    public sealed class ProxiedApp : TestWebApp
    {
        public ProxiedApp()
        {
            UseKestrel(0);
            StartServer();
        }

        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Smartcar:ClientId", "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07");
            builder.UseSetting("Smartcar:ClientSecret", "the-real-client-secret");
            builder.UseSetting("Smartcar:RedirectUri", $"https://{PublicHost}/exchange");
            builder.UseSetting("ForwardedHeaders:KnownNetworks:0", "127.0.0.0/8");
            builder.UseSetting("ForwardedHeaders:AllowedHosts:0", PublicHost);
            builder.UseSetting("ForwardedHeaders:AllowedHosts:1", "www.example.com");
            builder.UseSetting("RateLimits:SignIn:PerAddress", "2");
        }
    }

    /// <summary>Reached directly over plain http (Development), with the default settings: no known proxy.</summary>
    public sealed class DirectApp : TestWebApp
    {
        public DirectApp()
        {
            UseKestrel(0);
            StartServer();
        }

        protected override void Configure(IWebHostBuilder builder)
        {
            UseTestSmartcarSettings(builder);
            builder.UseEnvironment("Development");
            builder.UseSetting("RateLimits:SignIn:PerAddress", "2");
        }
    }
}
