using Microsoft.Playwright;
using SmartcarClean.Acceptance.Support;
using SmartcarClean.Emulator.Testing;

namespace SmartcarClean.Acceptance.Drivers;

/// <summary>
/// The fast way to a car already connected, for scenarios where connecting is not the subject ("Given I have
/// connected my ..."): the same requests the browser would make to the app and to Connect (<see cref="ConnectWalk"/>,
/// shared with the benchmark), sent with the browser's own cookies but without loading pages, then back to the app,
/// which exchanges the code and lists the cars. Connect's redirect back is kept in the journey.
/// </summary>
public sealed class ConnectShortcut(BrowserDriver browser, AppUnderTest app, ConnectJourney journey)
{
    public async Task ConnectAsync(string make, string email)
    {
        var http = new BrowserRequests(browser.Context.APIRequest);
        var redirect = await ConnectWalk.AllowAsync(http, app.BaseUrl, make, email, TestData.CarMakerPassword);

        redirect.AbsoluteUri.ShouldStartWith(app.RedirectUri + "?");
        journey.Record(redirect);
        var vehicles = await http.GetAsync(redirect);
        vehicles.IsSuccess.ShouldBeTrue($"{vehicles.Url} answered {vehicles.Status}");
        vehicles.Url.AbsolutePath.ShouldBe("/vehicles");
    }

    /// <summary>Playwright's request context: the browser's cookies, without loading pages.</summary>
    private sealed class BrowserRequests(IAPIRequestContext http) : IConnectBrowser
    {
        public async Task<BrowsedResponse> GetAsync(Uri url) => await ReadAsync(await http.GetAsync(url.AbsoluteUri));

        public async Task<BrowsedResponse> PostFormAsync(Uri url, IReadOnlyList<KeyValuePair<string, string>> form, bool followRedirects)
        {
            var data = http.CreateFormData();
            foreach (var (name, value) in form)
            {
                data.Set(name, value);
            }

            return await ReadAsync(await http.PostAsync(url.AbsoluteUri, new() { Form = data, MaxRedirects = followRedirects ? null : 0 }));
        }

        private static async Task<BrowsedResponse> ReadAsync(IAPIResponse response) => new(
            response.Status, new Uri(response.Url), response.Headers.GetValueOrDefault("location"), await response.TextAsync());
    }
}
