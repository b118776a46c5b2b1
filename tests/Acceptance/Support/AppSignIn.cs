using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using SmartcarClean.Acceptance.Drivers;
using SmartcarClean.Infrastructure.Identity;
using SmartcarClean.Web.Authentication;

namespace SmartcarClean.Acceptance.Support;

/// <summary>
/// The fast way to a signed-in user, for scenarios that are not about accounts: the app under test's own services
/// create a new account (Identity's UserManager) and sign it in as the app does (a server-side session, the real
/// sign-in cookie), and the cookie goes into the current browser. No page loads. The account has no password, so no
/// password hash is computed (about half a second on this machine): only Accounts.feature signs in with one, through
/// the account pages.
/// </summary>
public sealed class AppSignIn(AppUnderTest app, BrowserDriver browser)
{
    public async Task<AppAccount> SignInNewUserAsync()
    {
        var account = TestData.NewAccount() with { Password = string.Empty };
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var user = new AppUser { UserName = account.Email, Email = account.Email };
        (await services.GetRequiredService<UserManager<AppUser>>().CreateAsync(user)).Succeeded.ShouldBeTrue();
        await SignInAsync(services, user);
        return account;
    }

    /// <summary>Signs an account that already exists in to the current browser, in a session of its own.</summary>
    public async Task SignInAsync(AppAccount account)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var user = (await services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(account.Email)).ShouldNotBeNull();
        await SignInAsync(services, user);
    }

    private async Task SignInAsync(IServiceProvider services, AppUser user)
    {
        var sessionId = await services.GetRequiredService<UserSessionStore>().StartAsync(user.Id);

        // The request this sign-in answers: the cookie handler writes its Set-Cookie header into its response.
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Scheme = app.BaseUrl.Scheme;
        http.Request.Host = new HostString(app.BaseUrl.Authority);
        var signIn = services.GetRequiredService<SignInManager<AppUser>>();
        signIn.Context = http;
        await signIn.SignInWithClaimsAsync(user, isPersistent: true, [new Claim(Accounts.SessionIdClaim, sessionId)]);

        var cookies = SetCookieHeaderValue.ParseStrictList([.. http.Response.Headers.SetCookie.OfType<string>()]);
        cookies.ShouldContain(cookie => cookie.Name == "smartcarclean.auth", "the app signs in with its cookie");
        await browser.AddCookiesAsync(cookies.Select(cookie => new BrowserCookie(cookie.Name.Value!, cookie.Value.Value!, cookie.HttpOnly)));
    }
}
