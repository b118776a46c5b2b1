using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Web.Security;

namespace SmartcarClean.Unit.Web;

/// <summary>
/// The real app with low limits: sign-in, register, starting Connect and the redirect URI answer 429 with Retry-After
/// and a sentence once an address, or a signed-in user, asks too often. Each test plays its own client addresses, so
/// the tests share the app without sharing an allowance.
/// </summary>
public sealed class RateLimitTests(RateLimitTests.App app) : IClassFixture<RateLimitTests.App>
{
    [Fact]
    public async Task Signing_in_too_often_from_one_address_is_answered_429_with_retry_after_and_a_friendly_page()
    {
        using var browser = From("192.0.2.1");
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await browser.SignInAsync("nobody@example.com", "not the password");
            wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        using var refused = await browser.SignInAsync("nobody@example.com", "not the password");

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldNotBeNull().TotalSeconds.ShouldBeInRange(1, 60);
        var html = await refused.Content.ReadAsStringAsync();
        html.ShouldContain("<h1>Too many attempts</h1>");
        html.ShouldContain("You tried this too many times in a short while. Please wait");
        html.ShouldNotContain("Exception");
        // Another address is not held back by this one.
        using var elsewhere = From("192.0.2.2");
        (await elsewhere.SignInAsync("nobody@example.com", "not the password")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Opening_the_sign_in_form_costs_nothing()
    {
        using var browser = From("192.0.2.3");
        for (var i = 0; i < 10; i++)
        {
            using var form = await browser.GetAsync("/account/signin");
            form.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Registering_account_after_account_from_one_address_is_paused()
    {
        using var browser = From("192.0.2.4");
        for (var i = 0; i < 2; i++)
        {
            using var registered = await browser.RegisterAsync(WebSession.NewEmail());
            registered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        using var refused = await browser.RegisterAsync(WebSession.NewEmail());

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Too many attempts");
    }

    [Fact]
    public async Task Starting_connect_is_limited_per_user_and_per_address()
    {
        using var first = await SignedInFromAsync("198.51.100.1");
        using var second = await SignedInFromAsync("198.51.100.1");
        using var third = await SignedInFromAsync("198.51.100.2");

        (await StartConnectAsync(first)).ShouldBe(HttpStatusCode.Redirect);
        (await StartConnectAsync(first)).ShouldBe(HttpStatusCode.Redirect);
        (await StartConnectAsync(first)).ShouldBe(HttpStatusCode.TooManyRequests); // the user's own 2...
        ComeFrom(first, "198.51.100.2");
        (await StartConnectAsync(first)).ShouldBe(HttpStatusCode.TooManyRequests); // ...whatever the address

        (await StartConnectAsync(second)).ShouldBe(HttpStatusCode.Redirect);
        (await StartConnectAsync(second)).ShouldBe(HttpStatusCode.TooManyRequests); // the address's 3, though this user used 1 of 2
        (await StartConnectAsync(third)).ShouldBe(HttpStatusCode.Redirect); // another address is not held back
    }

    [Fact]
    public async Task The_popups_requests_get_the_sentence_as_json_for_the_page_to_show()
    {
        using var user = await SignedInFromAsync("203.0.113.1");
        user.Client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var forged = new Dictionary<string, string> { ["code"] = "c", ["state"] = "forged" };
        for (var i = 0; i < 2; i++)
        {
            using var answered = await user.SubmitAsync("/", forged, "/exchange");
            answered.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        using var refused = await user.SubmitAsync("/", forged, "/exchange");

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        refused.Content.Headers.ContentType.ShouldNotBeNull().MediaType.ShouldBe("application/json");
        using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("title").GetString().ShouldBe("Too many attempts");
        body.RootElement.GetProperty("message").GetString().ShouldStartWith("You tried this too many times in a short while. Please wait");
    }

    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")] // IPv4 on a dual-stack socket
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:1111:2222:3333:4444", "2001:db8:1:2::/64")] // the same network, another address
    [InlineData(null, "unknown")]
    public void An_ipv6_client_counts_as_its_whole_64_network(string? address, string partition) =>
        RateLimits.ClientAddress(address is null ? null : IPAddress.Parse(address)).ShouldBe(partition);

    private WebSession From(string address)
    {
        var session = WebSession.Open(app);
        ComeFrom(session, address);
        return session;
    }

    private async Task<WebSession> SignedInFromAsync(string address)
    {
        var session = From(address);
        using var registered = await session.RegisterAsync(WebSession.NewEmail());
        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return session;
    }

    private static void ComeFrom(WebSession session, string address)
    {
        session.Client.DefaultRequestHeaders.Remove(ClientAddressFromHeader.Header);
        session.Client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address);
    }

    private static async Task<HttpStatusCode> StartConnectAsync(WebSession session)
    {
        using var response = await session.GetAsync("/login");
        return response.StatusCode;
    }

    public sealed class App : TestWebApp
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            UseTestSmartcarSettings(builder);
            builder.UseSetting("RateLimits:SignIn:PerAddress", "3");
            builder.UseSetting("RateLimits:Register:PerAddress", "2");
            builder.UseSetting("RateLimits:StartConnect:PerAddress", "3");
            builder.UseSetting("RateLimits:StartConnect:PerUser", "2");
            builder.UseSetting("RateLimits:Exchange:PerUser", "2");
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
        }
    }

    /// <summary>
    /// The test host has no socket, so no client address: this plays the one a socket would give, from a header the
    /// test sets, before anything else in the app runs.
    /// </summary>
    internal sealed class ClientAddressFromHeader : IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
