using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SmartcarClean.Acceptance.Support;
using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.Drivers;

/// <summary>
/// The fast way to a car already connected, for scenarios where connecting is not the subject ("Given I have
/// connected my ..."): the same requests the browser would make to the app and to Connect (start at /login, brand
/// list, brand, sign-in, permissions, Allow, back to the app, which exchanges the code and lists the cars), sent with
/// the browser's own cookies but without loading pages. Connect's redirect back is kept in the journey.
/// </summary>
public sealed partial class ConnectShortcut(BrowserDriver browser, AppUnderTest app, SmartcarEmulator smartcar, ConnectJourney journey)
{
    public async Task ConnectAsync(string make, string email)
    {
        var http = browser.Context.APIRequest;
        // The app starts Connect and sends the browser to Connect's first page, which names the Connect session.
        var preamble = await OkAsync(http.GetAsync(new Uri(app.BaseUrl, "/login").AbsoluteUri));
        var session = ConnectSession().Match(await preamble.TextAsync());
        session.Success.ShouldBeTrue("Connect's first page leads to its brand list");
        var connect = $"{smartcar.BaseUrl}/connect/{session.Groups[1].Value}";

        await OkAsync(http.GetAsync($"{connect}/brands"));
        await OkAsync(http.GetAsync($"{connect}/login?make={Uri.EscapeDataString(make)}"));
        var signIn = http.CreateFormData();
        signIn.Set("username", email);
        signIn.Set("password", TestData.CarMakerPassword);
        await OkAsync(http.PostAsync($"{connect}/login", new() { Form = signIn }));
        var allow = http.CreateFormData();
        allow.Set("decision", "allow");
        var decision = await http.PostAsync($"{connect}/decision", new() { Form = allow, MaxRedirects = 0 });

        var redirect = decision.Headers["location"];
        redirect.ShouldStartWith(app.RedirectUri + "?");
        journey.Record(new Uri(redirect));
        var vehicles = await OkAsync(http.GetAsync(redirect));
        new Uri(vehicles.Url).AbsolutePath.ShouldBe("/vehicles");
    }

    private static async Task<IAPIResponse> OkAsync(Task<IAPIResponse> request)
    {
        var response = await request;
        response.Ok.ShouldBeTrue($"{response.Url} answered {response.Status}");
        return response;
    }

    [GeneratedRegex("/connect/([0-9a-f]+)/brands")]
    private static partial Regex ConnectSession();
}
