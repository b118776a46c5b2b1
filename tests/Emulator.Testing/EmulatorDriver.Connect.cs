using System.Net;

namespace SmartcarClean.Emulator.Testing;

/// <summary>Connect helpers for the tests of parameters, test identities and Connect errors.</summary>
public sealed partial class EmulatorDriver
{
    /// <summary>Walks preamble → brand → login and posts the sign-in; returns its raw response (redirect or page).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string authorizeUrl, string email, string brand = "TESLA")
    {
        var page = await GetPageAsync(FormAction(await GetPageAsync(authorizeUrl)));
        if (page.Contains("class=\"brand-list-item\"", StringComparison.Ordinal))
        {
            page = await GetPageAsync($"{FormAction(page)}?make={brand}");
        }

        return await PostFormAsync(FormAction(page), ("username", email), ("password", "any-password"));
    }

    /// <summary>Signs in and expects Connect to end straight away with a redirect back to the app.</summary>
    public async Task<Dictionary<string, string>> SignInExpectingRedirectAsync(string authorizeUrl, string email)
    {
        var signIn = await SignInAsync(authorizeUrl, email);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.GetLeftPart(UriPartial.Path).ShouldBe(RedirectUri);
        return QueryOf(signIn.Headers.Location);
    }

    /// <summary>The permissions page shown after signing in.</summary>
    public async Task<string> PermissionsPageAsync(string authorizeUrl, string email)
    {
        var signIn = await SignInAsync(authorizeUrl, email);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.OriginalString.ShouldEndWith("/permissions");
        return await GetPageAsync(signIn.Headers.Location.OriginalString);
    }

    /// <summary>Connects, exchanges the code and returns the access token.</summary>
    public async Task<string> AccessTokenAsync(string authorizeUrl, string email)
    {
        var location = await ConnectAsync(email, authorizeUrl: authorizeUrl);
        var exchange = await ExchangeCodeAsync(QueryOf(location)["code"], location.GetLeftPart(UriPartial.Path));
        exchange.StatusCode.ShouldBe(HttpStatusCode.OK);
        return TokenResponse.From(await JsonAsync(exchange)).AccessToken;
    }

    /// <summary>GET that must answer 400 with an HTML page and no redirect; returns the page.</summary>
    public async Task<string> BadRequestPageAsync(string path)
    {
        var response = await Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, html);
        response.Headers.Location.ShouldBeNull();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        return html;
    }
}
