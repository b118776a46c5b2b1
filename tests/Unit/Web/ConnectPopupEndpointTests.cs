using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace SmartcarClean.Unit.Web;

/// <summary>
/// What the home page's pop-up script talks to: <c>POST /login</c> starts Connect in a pop-up and <c>POST /exchange</c>
/// takes Connect's result, both with antiforgery and answering JSON, under the same rules as the page flow.
/// </summary>
public sealed class ConnectPopupEndpointTests(BadInputTests.App app) : IClassFixture<BadInputTests.App>, IAsyncLifetime
{
    private const string PopupRedirectUri = "https://javascript-sdk.smartcar.com/v2/redirect?app_origin=http://localhost:8000";
    private WebSession? _session;

    private WebSession Session => _session!;

    public async Task InitializeAsync()
    {
        _session = await WebSession.SignedInAsync(app);
        _session.Client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public Task DisposeAsync()
    {
        _session?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Starting_in_a_popup_answers_the_connect_url_for_the_sdk_page_its_state_and_the_only_origin_to_trust()
    {
        using var response = await Session.SubmitAsync("/", new Dictionary<string, string> { ["make"] = "tesla" }, "/login");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await JsonAsync(response);
        var connectUrl = new Uri(body.GetProperty("connectUrl").GetString()!);
        var query = QueryHelpers.ParseQuery(connectUrl.Query);
        query["redirect_uri"].ToString().ShouldBe(PopupRedirectUri);
        query["make"].ToString().ShouldBe("TESLA");
        query["state"].ToString().ShouldBe(body.GetProperty("state").GetString());
        body.GetProperty("redirectPageOrigin").GetString().ShouldBe("https://javascript-sdk.smartcar.com");
    }

    [Fact]
    public async Task Starting_without_the_antiforgery_token_is_refused()
    {
        using var response = await Session.PostAsync("/login", new Dictionary<string, string>());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_result_posted_without_the_antiforgery_token_never_reaches_the_handler()
    {
        using var start = await Session.SubmitAsync("/", new Dictionary<string, string>(), "/login");
        var denied = new Dictionary<string, string> { ["error"] = "access_denied", ["state"] = (await JsonAsync(start)).GetProperty("state").GetString()! };

        using var forged = await Session.PostAsync("/exchange", denied);
        using var genuine = await Session.SubmitAsync("/", denied, "/exchange");

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // The state is still unused: the token-less post was turned away before HandleRedirect could redeem it.
        (await JsonAsync(genuine)).GetProperty("title").GetString().ShouldBe("You did not allow access");
    }

    [Fact]
    public async Task Bad_choices_are_json_field_errors_and_nothing_opens()
    {
        using var response = await Session.SubmitAsync("/", new Dictionary<string, string> { ["vin"] = "123" }, "/login");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(response)).GetProperty("errors")[0].GetString().ShouldBe("A VIN has 17 letters and digits (never I, O or Q).");
    }

    [Fact]
    public async Task A_result_with_a_state_this_session_never_started_is_refused_with_the_page_flows_explanation()
    {
        using var response = await Session.SubmitAsync("/", new Dictionary<string, string> { ["code"] = "c", ["state"] = "forged" }, "/exchange");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await JsonAsync(response);
        body.GetProperty("connected").GetBoolean().ShouldBeFalse();
        body.GetProperty("reason").GetString().ShouldBe("InvalidState");
        body.GetProperty("title").GetString().ShouldBe("This sign-in link is not valid");
        body.GetProperty("message").GetString().ShouldBe("This link was not started from this browser. Nothing was connected. Please start again.");
    }

    [Fact]
    public async Task A_popup_state_redeemed_once_is_refused_the_second_time()
    {
        using var start = await Session.SubmitAsync("/", new Dictionary<string, string>(), "/login");
        var state = (await JsonAsync(start)).GetProperty("state").GetString()!;
        var denied = new Dictionary<string, string> { ["error"] = "access_denied", ["error_description"] = "User denied access to application.", ["state"] = state };

        using var first = await Session.SubmitAsync("/", denied, "/exchange");
        using var second = await Session.SubmitAsync("/", denied, "/exchange");

        (await JsonAsync(first)).GetProperty("title").GetString().ShouldBe("You did not allow access");
        (await JsonAsync(second)).GetProperty("message").GetString().ShouldStartWith("This link has already been used.");
    }

    [Fact]
    public async Task The_home_page_lets_its_popup_keep_the_opener_and_offers_the_choice_to_signed_in_users_only()
    {
        using var signedIn = await Session.GetAsync("/");
        using var anonymous = WebSession.Open(app);
        using var stranger = await anonymous.GetAsync("/");

        signedIn.Headers.GetValues("Cross-Origin-Opener-Policy").ShouldBe(["same-origin-allow-popups"]);
        (await signedIn.Content.ReadAsStringAsync()).ShouldContain("Open Connect in a pop-up");
        stranger.Headers.GetValues("Cross-Origin-Opener-Policy").ShouldBe(["same-origin"]);
        (await stranger.Content.ReadAsStringAsync()).ShouldNotContain("connect-popup.js");
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
