using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Routing;
using SmartcarClean.Application.Options;
using SmartcarClean.Web.Authentication;

namespace SmartcarClean.Unit.Web;

/// <summary>Local accounts: who may open which page, and registering, signing in and out through the real pages.</summary>
public abstract class AccountTests(TestWebApp app)
{
    [Theory]
    [InlineData("/vehicles", "%2Fvehicles")]
    [InlineData("/login", "%2Flogin")]
    [InlineData("/exchange?state=abc", "%2Fexchange%3Fstate%3Dabc")]
    public async Task Signed_out_visitors_are_sent_to_sign_in_and_back(string path, string returnUrl)
    {
        using var browser = WebSession.Open(app);

        using var response = await browser.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.ShouldBe($"/account/signin?returnUrl={returnUrl}");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/signin")]
    [InlineData("/account/register")]
    public async Task Home_and_the_account_pages_are_public(string path)
    {
        using var browser = WebSession.Open(app);

        using var response = await browser.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain(">Sign in</a>");
    }

    [Fact]
    public async Task Register_signs_in_sign_out_signs_out_and_sign_in_signs_in_again()
    {
        using var browser = WebSession.Open(app);
        var email = WebSession.NewEmail();

        using (var registered = await browser.RegisterAsync(email))
        {
            registered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            registered.Headers.Location!.OriginalString.ShouldBe("/");
        }

        await ShouldBeSignedInAsync(browser, email);

        using (var signedOut = await browser.SignOutAsync())
        {
            signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        (await browser.GetAsync("/vehicles")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using (var signedIn = await browser.SignInAsync(email, returnUrl: "/vehicles"))
        {
            signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            signedIn.Headers.Location!.OriginalString.ShouldBe("/vehicles");
        }

        await ShouldBeSignedInAsync(browser, email);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_http_only_lax_and_persistent()
    {
        using var browser = WebSession.Open(app);

        using var registered = await browser.RegisterAsync(WebSession.NewEmail());

        var cookie = registered.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("smartcarclean.auth=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        cookie.ShouldContain("expires=", Case.Insensitive);
    }

    [Theory]
    [InlineData("/account/signout")]
    [InlineData("/account/signin")]
    [InlineData("/account/register")]
    [InlineData("/account/password")]
    [InlineData("/account/signout-everywhere")]
    [InlineData("/vehicles?handler=Refresh")]
    [InlineData("/vehicles/v-1?handler=Refresh")]
    public async Task A_form_posted_without_an_antiforgery_token_is_refused(string path)
    {
        using var browser = await WebSession.SignedInAsync(app);

        using var response = await browser.PostAsync(path, new Dictionary<string, string> { ["Input.Email"] = "a@example.com" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await browser.GetAsync("/vehicles")).StatusCode.ShouldBe(HttpStatusCode.OK, "a refused sign-out signs nobody out");
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task Sign_in_never_returns_to_another_site(string returnUrl)
    {
        using var browser = WebSession.Open(app);
        var email = WebSession.NewEmail();
        (await browser.RegisterAsync(email)).Dispose();
        (await browser.SignOutAsync()).Dispose();

        using var response = await browser.SignInAsync(email, returnUrl: returnUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        using var browser = WebSession.Open(app);
        var email = WebSession.NewEmail();
        (await browser.RegisterAsync(email)).Dispose();
        (await browser.SignOutAsync()).Dispose();

        using var response = await browser.SignInAsync(email, "not the password");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("The email or password is not right.");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_a_while()
    {
        using var browser = WebSession.Open(app);
        var email = WebSession.NewEmail();
        (await browser.RegisterAsync(email)).Dispose();
        (await browser.SignOutAsync()).Dispose();
        for (var i = 0; i < 5; i++)
        {
            (await browser.SignInAsync(email, "not the password")).Dispose();
        }

        using var response = await browser.SignInAsync(email);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "even the right password is refused while locked out");
        (await response.Content.ReadAsStringAsync()).ShouldContain("The email or password is not right.");
    }

    [Fact]
    public async Task The_session_id_survives_the_security_stamp_check_that_rebuilds_the_sign_in()
    {
        var current = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "user-a"), new Claim(Accounts.SessionIdClaim, "session-a")], "Identity.Application"));
        var rebuilt = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "user-a")], "Identity.Application"));

        await Accounts.KeepSessionId(new SecurityStampRefreshingPrincipalContext { CurrentPrincipal = current, NewPrincipal = rebuilt });

        rebuilt.FindFirstValue(Accounts.SessionIdClaim).ShouldBe("session-a");
    }

    [Theory]
    [InlineData("not-an-email", WebSession.Password, WebSession.Password, "Enter a valid email address.")]
    [InlineData("", WebSession.Password, WebSession.Password, "Enter your email address.")]
    [InlineData("a@example.com", "short", "short", "Use a password of 8 to 128 characters.")]
    [InlineData("a@example.com", WebSession.Password, "something else", "The two passwords do not match.")]
    [InlineData("a@example.com", "FootBall", "FootBall", "This password is one of the most common ones; choose another.")]
    public async Task Registering_with_bad_fields_says_what_is_wrong(string email, string password, string confirm, string message)
    {
        using var browser = WebSession.Open(app);

        using var response = await browser.RegisterAsync(email, password, confirm);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
    }

    [Fact]
    public async Task An_email_can_have_only_one_account()
    {
        var email = WebSession.NewEmail();
        using (var first = WebSession.Open(app))
        {
            (await first.RegisterAsync(email)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        using var second = WebSession.Open(app);
        using var response = await second.RegisterAsync(email);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("An account with this email already exists.");
    }

    [Theory]
    [InlineData("/vehicles", "/vehicles")]
    [InlineData("/exchange?state=x", "/exchange?state=x")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("~/vehicles", "~/vehicles")]
    public void Only_a_local_return_url_is_followed(string? returnUrl, string expected)
    {
        var url = new UrlHelper(new ActionContext(new DefaultHttpContext(), new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));

        ReturnUrls.LocalOrHome(url, returnUrl).ShouldBe(expected);
    }

    private static async Task ShouldBeSignedInAsync(WebSession browser, string email)
    {
        using var vehicles = await browser.GetAsync("/vehicles");
        vehicles.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await vehicles.Content.ReadAsStringAsync();
        html.ShouldContain(email);
        html.ShouldContain(">Sign out</button>");
    }
}

public sealed class AccountsOnSqlite(BadInputTests.App app) : AccountTests(app), IClassFixture<BadInputTests.App>;

public sealed class AccountsOnPostgreSql(AccountsOnPostgreSql.App app) : AccountTests(app), IClassFixture<AccountsOnPostgreSql.App>
{
    public sealed class App() : TestWebApp(DatabaseProvider.PostgreSql)
    {
        protected override void Configure(IWebHostBuilder builder) => UseTestSmartcarSettings(builder);
    }
}
