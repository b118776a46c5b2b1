using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SmartcarClean.Acceptance.Support;
using SmartcarClean.Emulator;
using static Microsoft.Playwright.Assertions;

namespace SmartcarClean.Acceptance.Drivers;

/// <summary>
/// Connect in a pop-up from the home page: the choice, the pop-up the click opens, what the page posts back to the app,
/// and messages a test can forge to see the page ignore them.
/// </summary>
public sealed class ConnectPopup(BrowserDriver browser, HomePage home, SmartcarEmulator smartcar, ConnectJourney journey)
{
    private readonly List<string> _pageNavigations = [];
    private readonly List<string> _exchangePosts = [];
    private IPage? _popup;
    private bool _watching;
    private Func<Task>? _releaseTheFallback;
    private readonly TaskCompletionSource<string> _statusSaid = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private IPage Page => browser.Page;

    private IPage Popup => _popup ?? throw new InvalidOperationException("No pop-up has been opened.");

    /// <summary>Every time the page sent Connect's result to the app (POST /exchange), the form it posted.</summary>
    public IReadOnlyList<string> ExchangePosts => _exchangePosts;

    /// <summary>Every document the page itself loaded (never the pop-up's).</summary>
    public IReadOnlyList<string> PageNavigations => _pageNavigations;

    public async Task ChooseAsync()
    {
        if (!_watching)
        {
            _watching = true;
            Page.Request += Record;
        }

        await Page.GetByLabel("Open Connect in a pop-up and stay on this page").CheckAsync();
    }

    /// <summary>Clicks Connect and waits for the pop-up to show Connect's first page; Connect's steps then drive the pop-up.</summary>
    public async Task OpenAsync()
    {
        _popup = await Page.RunAndWaitForPopupAsync(home.StartConnectAsync);
        // Expect polls the address; WaitForURL can miss a pop-up's navigation that commits before it starts listening.
        await Expect(_popup).ToHaveURLAsync(new Regex("^" + Regex.Escape(smartcar.BaseUrl + "/oauth/authorize?")));
        await Expect(_popup.Locator("#continue-button")).ToBeVisibleAsync();
        browser.UsePopup(_popup);
    }

    /// <summary>The state the app sent to Connect for this pop-up, read from the Connect URL the pop-up opened.</summary>
    public string IssuedState()
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(Popup.Url).Query);
        var state = query["state"].ToString();
        state.ShouldNotBeNullOrEmpty();
        return state;
    }

    public async Task ExpectClosedAsync()
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Popup.Close += (_, _) => closed.TrySetResult();
        if (!Popup.IsClosed)
        {
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>
    /// Starts listening, after the page's own listener, to the messages the page receives: once this listener has seen
    /// a message, the page's listener has already handled it (listeners run in the order they were added).
    /// </summary>
    public Task WatchMessagesAsync() =>
        Page.EvaluateAsync("() => { window.__messagesSeen = 0; window.addEventListener('message', () => { window.__messagesSeen++; }); }");

    public Task WaitUntilPageHasHandledAsync(int messages) =>
        Page.WaitForFunctionAsync("n => window.__messagesSeen >= n", messages);

    /// <summary>A SmartcarAuthMessage with <paramref name="state"/> that the page posts to itself (its own origin).</summary>
    public Task PostForgedMessageFromThePageAsync(string state) => PostForgedMessageAsync(Page, state, fromPopup: false);

    /// <summary>A SmartcarAuthMessage with <paramref name="state"/> that the pop-up posts to the page (its opener).</summary>
    public Task PostForgedMessageFromThePopupAsync(string state) => PostForgedMessageAsync(Popup, state, fromPopup: true);

    /// <summary>Makes the browser refuse pop-ups, as a pop-up blocker does (window.open returns null), from the next page on.</summary>
    public Task BlockPopupsAsync() => browser.Context.AddInitScriptAsync("window.open = function () { return null; };");

    /// <summary>Opens the JavaScript SDK redirect page in a tab of its own, as if Connect had ended outside a pop-up.</summary>
    public async Task OpenRedirectPageWithoutOpenerAsync() =>
        await Page.GotoAsync($"{smartcar.BaseUrl}/v2/redirect?app_origin={Uri.EscapeDataString(new Uri(Page.Url).GetLeftPart(UriPartial.Authority))}&code=c&state=s");

    /// <summary>What Smartcar's redirect page says in its status line.</summary>
    public Task ExpectRedirectPageSaysAsync(string text) => Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync(text);

    /// <summary>
    /// Clicks Connect and holds the page's next navigation to /login so that what the page says before leaving can be
    /// read, until <see cref="ReleaseTheFallbackAsync"/> lets it go (the click itself ends once that navigation does).
    /// </summary>
    public async Task StartAndHoldTheFallbackAsync()
    {
        var held = new TaskCompletionSource<IRoute>(TaskCreationOptions.RunContinuationsAsynchronously);
        await Page.RouteAsync(IsLogin, route =>
        {
            held.TrySetResult(route);
            return Task.CompletedTask;
        });
        await Page.ExposeFunctionAsync("reportStatusForTest", (string text) => _statusSaid.TrySetResult(text));
        await Page.EvaluateAsync(
            """
            () => {
              const status = document.querySelector('[role=status]');
              new MutationObserver(() => window.reportStatusForTest(status.textContent))
                .observe(status, { childList: true, characterData: true, subtree: true });
            }
            """);
        var click = home.StartConnectAsync();
        var route = await held.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _releaseTheFallback = async () =>
        {
            await route.ContinueAsync();
            await Page.UnrouteAsync(IsLogin);
            await click;
        };
    }

    public Task ReleaseTheFallbackAsync() =>
        (_releaseTheFallback ?? throw new InvalidOperationException("No navigation to Connect is held."))();

    /// <summary>
    /// What the page's status line said while it was leaving. Playwright's locators and evaluations wait for a pending
    /// navigation, so a MutationObserver installed before the click reports each text as the page shows it.
    /// </summary>
    public async Task<string> StatusWhileLeavingAsync() => await _statusSaid.Task.WaitAsync(TimeSpan.FromSeconds(10));

    private static async Task PostForgedMessageAsync(IPage sender, string state, bool fromPopup) =>
        await sender.EvaluateAsync(
            """
            ([state, fromPopup]) => {
              const target = fromPopup ? window.opener : window;
              target.postMessage({ name: 'SmartcarAuthMessage', code: 'forged-code', error: null, errorDescription: null, state }, '*');
            }
            """,
            new object[] { state, fromPopup });

    private void Record(object? sender, IRequest request)
    {
        if (request.IsNavigationRequest && request.Frame == Page.MainFrame)
        {
            _pageNavigations.Add(request.Url);
        }

        if (request.Method == "POST" && new Uri(request.Url).AbsolutePath == "/exchange")
        {
            _exchangePosts.Add(request.PostData ?? "");
            // The pop-up's way back to the app, with Connect's code in the body instead of the address.
            journey.Record(new Uri(new Uri(request.Url), "/exchange?" + request.PostData));
        }
    }

    private static bool IsLogin(string url) => new Uri(url).AbsolutePath == "/login";
}
