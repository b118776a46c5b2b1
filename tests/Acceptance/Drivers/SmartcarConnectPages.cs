using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using SmartcarClean.Acceptance.Support;
using SmartcarClean.Emulator;
using static Microsoft.Playwright.Assertions;

namespace SmartcarClean.Acceptance.Drivers;

/// <summary>
/// Smartcar Connect's pages, by the element ids Smartcar's own Connect uses (so the same steps could drive the
/// real Connect in test mode): preamble, brand, sign-in, permissions, and its error pages. In the page, or in the
/// pop-up the app opened.
/// </summary>
public sealed class SmartcarConnectPages(BrowserDriver browser, SmartcarEmulator smartcar, AppUnderTest app, ConnectJourney journey)
{
    private IPage Page => browser.ConnectWindow;

    private string AuthorizeUrl => smartcar.BaseUrl + "/oauth/authorize";

    /// <summary>Through Connect to the permissions page; a null make: the app named the brand, so no brand list shows.</summary>
    public async Task SignInAsync(string? make, string email)
    {
        await Page.Locator("#continue-button").ClickAsync();
        if (make is not null)
        {
            await Page.Locator($"button#{make}").ClickAsync();
        }

        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(TestData.CarMakerPassword);
        await Page.Locator("#sign-in-button").ClickAsync();
    }

    public Task AllowAsync() => Page.Locator("#approval-button").ClickAsync();

    /// <summary>
    /// Allows, and waits until the app, back from Connect, shows the vehicles; Connect's redirect back to the app (its
    /// code and state) is kept in the scenario's <see cref="ConnectJourney"/>.
    /// </summary>
    public async Task AllowAndReturnAsync()
    {
        var page = Page;
        page.Request += Record;
        try
        {
            await AllowAsync();
            // Expect polls the address; WaitForURL can miss a redirect chain that ended before it started listening.
            await Expect(page).ToHaveURLAsync(new Regex("/vehicles$"));
        }
        finally
        {
            page.Request -= Record;
        }

        void Record(object? sender, IRequest request)
        {
            if (request.IsNavigationRequest && request.Url.StartsWith(app.RedirectUri, StringComparison.Ordinal))
            {
                journey.Record(new Uri(request.Url));
            }
        }
    }

    public Task DenyAsync() => Page.Locator("#deny-button").ClickAsync();

    /// <summary>
    /// Presses Allow but keeps the browser from following Connect's redirect: Playwright cannot stop a redirect's
    /// target, so the Allow form's 302 is fetched and held back. Returns the redirect, genuine code and state included.
    /// </summary>
    public async Task<string> AllowButHoldTheRedirectAsync()
    {
        var held = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await Page.RouteAsync(IsDecision, async route =>
        {
            var response = await route.FetchAsync(new() { MaxRedirects = 0 });
            held.TrySetResult(response.Headers["location"]);
            await route.AbortAsync();
        });
        await AllowAsync();
        var redirect = await held.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Page.UnrouteAsync(IsDecision);
        redirect.ShouldStartWith(app.RedirectUri + "?");
        return redirect;
    }

    /// <summary>Waits until the browser is on Connect's first page.</summary>
    public Task ExpectOpenedAsync() => Page.WaitForURLAsync(url => url.StartsWith(AuthorizeUrl + "?", StringComparison.Ordinal));

    /// <summary>Opens Connect as an application would, with this client id and redirect URI.</summary>
    public async Task OpenForAsync(string clientId, string redirectUri) =>
        await Page.GotoAsync(QueryHelpers.AddQueryString(AuthorizeUrl, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = "read_vehicle_info",
            ["state"] = "some-state",
        }));

    /// <summary>Connect's own error pages say what is wrong in their text.</summary>
    public Task ExpectSaysAsync(string text) => Expect(Page.GetByText(text)).ToBeVisibleAsync();

    public void ExpectStillOnConnect() => Page.Url.ShouldStartWith(AuthorizeUrl);

    /// <summary>From Connect's configuration error page back to the app.</summary>
    public Task ReturnToTheAppAsync() => Page.Locator("#return-to-app").ClickAsync();

    private static bool IsDecision(string url) => url.EndsWith("/decision", StringComparison.Ordinal);
}
