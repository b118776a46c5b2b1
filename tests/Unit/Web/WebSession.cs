using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Infrastructure.Identity;

namespace SmartcarClean.Unit.Web;

/// <summary>
/// One browser against the in-memory app: keeps cookies, follows no redirects, and fills forms with the antiforgery
/// token of the page they are on, as a browser would.
/// </summary>
internal sealed partial class WebSession(HttpClient client) : IDisposable
{
    public const string Password = "correct horse battery";

    public HttpClient Client => client;

    public static WebSession Open<T>(WebApplicationFactory<T> app)
        where T : class =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    public async Task<HttpResponseMessage> GetAsync(string path) => await client.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>GETs the page, then POSTs its form with the page's antiforgery token and the given fields.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pagePath, IDictionary<string, string> fields, string? postPath = null)
    {
        var fieldsWithToken = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(pagePath) };
        return await PostAsync(postPath ?? pagePath, fieldsWithToken);
    }

    public async Task<HttpResponseMessage> PostAsync(string path, IDictionary<string, string> fields)
    {
        using var form = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(path, UriKind.Relative), form);
    }

    public async Task<HttpResponseMessage> RegisterAsync(string email, string password = Password, string? confirm = null) =>
        await SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirm ?? password,
        });

    public async Task<HttpResponseMessage> SignInAsync(string email, string password = Password, string? returnUrl = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password };
        if (returnUrl is not null)
        {
            fields["ReturnUrl"] = returnUrl;
        }

        return await SubmitAsync("/account/signin", fields);
    }

    public async Task<HttpResponseMessage> SignOutAsync() => await SubmitAsync("/", new Dictionary<string, string>(), "/account/signout");

    public async Task<HttpResponseMessage> SignOutEverywhereAsync() =>
        await SubmitAsync("/", new Dictionary<string, string>(), "/account/signout-everywhere");

    public async Task<HttpResponseMessage> ChangePasswordAsync(string current, string password, string? confirm = null) =>
        await SubmitAsync("/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirm ?? password,
        });

    /// <summary>Another client sending a copy of the sign-in cookie the response set, as a stolen cookie would be.</summary>
    public static WebSession WithCookieOf<T>(WebApplicationFactory<T> app, HttpResponseMessage signedIn)
        where T : class
    {
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("smartcarclean.auth=", StringComparison.Ordinal));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie[..cookie.IndexOf(';', StringComparison.Ordinal)]);
        return new WebSession(client);
    }

    /// <summary>A new user, registered and signed in.</summary>
    public static async Task<WebSession> SignedInAsync<T>(WebApplicationFactory<T> app)
        where T : class
    {
        var session = Open(app);
        using var registered = await session.RegisterAsync(NewEmail());
        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return session;
    }

    /// <summary>A new user, registered and signed in, with their account's id, for a test that stores data for them.</summary>
    public static async Task<(WebSession Session, string UserId)> SignedInWithIdAsync<T>(WebApplicationFactory<T> app)
        where T : class
    {
        var email = NewEmail();
        var session = Open(app);
        using var registered = await session.RegisterAsync(email);
        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var scope = app.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        return (session, user!.Id);
    }

    public void Dispose() => client.Dispose();

    private async Task<string> AntiforgeryTokenAsync(string pagePath)
    {
        using var page = await GetAsync(pagePath);
        var html = await page.Content.ReadAsStringAsync();
        var match = AntiforgeryField().Match(html);
        match.Success.ShouldBeTrue($"{pagePath} must carry an antiforgery token in a form");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
