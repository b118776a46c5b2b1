using System.Text.RegularExpressions;

namespace SmartcarClean.Emulator.Testing;

/// <summary>
/// An answer as a browser got it: its status, the address it ended at (after the redirects, when they were followed),
/// where it redirects (when they were not) and its body.
/// </summary>
public sealed record BrowsedResponse(int Status, Uri Url, string? Location, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}

/// <summary>
/// What <see cref="ConnectWalk"/> needs of a browser: GETs and form POSTs sent with the browser's cookies. The
/// acceptance suite answers with Playwright's request context (the browser's own cookies), the benchmark with an
/// HttpClient and a cookie container.
/// </summary>
public interface IConnectBrowser
{
    /// <summary>GET, following redirects.</summary>
    Task<BrowsedResponse> GetAsync(Uri url);

    /// <summary>POSTs a form; a redirect is followed (as a GET) only when <paramref name="followRedirects"/>.</summary>
    Task<BrowsedResponse> PostFormAsync(Uri url, IReadOnlyList<KeyValuePair<string, string>> form, bool followRedirects);
}

/// <summary>
/// The fast way through Connect for an app under test, when connecting is not what is being tested: the requests a
/// browser makes (the app's /login, Connect's first page, brand, sign-in, permissions, Allow) without loading
/// anything else. Ends with Connect's redirect back to the app, not followed, so the caller decides what to do with it.
/// </summary>
public static partial class ConnectWalk
{
    /// <summary>Connect's test mode, like the emulator's, accepts any password.</summary>
    public const string AnyPassword = "any-password";

    /// <returns>Connect's redirect back to the app after Allow (the app's redirect URI with the code and state).</returns>
    public static async Task<Uri> AllowAsync(IConnectBrowser browser, Uri appBaseUrl, string make, string email, string password = AnyPassword)
    {
        ArgumentNullException.ThrowIfNull(browser);
        // The app starts Connect and sends the browser to Connect's first page, which names the Connect session.
        var preamble = Ok(await browser.GetAsync(new Uri(appBaseUrl, "/login")));
        var session = ConnectSession().Match(preamble.Body);
        session.Success.ShouldBeTrue("Connect's first page leads to its brand list");
        var connect = new Uri(preamble.Url, $"/connect/{session.Groups[1].Value}").AbsoluteUri;

        Ok(await browser.GetAsync(new Uri($"{connect}/brands")));
        Ok(await browser.GetAsync(new Uri($"{connect}/login?make={Uri.EscapeDataString(make)}")));
        Ok(await browser.PostFormAsync(new Uri($"{connect}/login"), [new("username", email), new("password", password)], followRedirects: true));
        var decision = await browser.PostFormAsync(new Uri($"{connect}/decision"), [new("decision", "allow")], followRedirects: false);
        return new Uri(decision.Location.ShouldNotBeNull($"Allow redirects back to the app ({decision.Url} answered {decision.Status})"));
    }

    private static BrowsedResponse Ok(BrowsedResponse response)
    {
        response.IsSuccess.ShouldBeTrue($"{response.Url} answered {response.Status}");
        return response;
    }

    [GeneratedRegex("/connect/([0-9a-f]+)/brands")]
    private static partial Regex ConnectSession();
}
