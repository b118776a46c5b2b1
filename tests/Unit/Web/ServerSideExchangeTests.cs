using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.WebUtilities;

namespace SmartcarClean.Unit.Web;

/// <summary>
/// The server-side flow's <c>/exchange</c>, page and pop-up alike: a redirect that only claims a Smartcar user id
/// (with no code, or a code Smartcar never confirms because it cannot be reached) links nothing and says so.
/// </summary>
public sealed class ServerSideExchangeTests(ServerSideExchangeTests.App app) : IClassFixture<ServerSideExchangeTests.App>
{
    private const string Explanation = "Smartcar could not confirm who connected. Nothing was connected. Please start again.";

    [Theory]
    [InlineData(null)]
    [InlineData("her-own-code")]
    public async Task A_popup_result_naming_another_persons_Smartcar_user_links_nothing(string? code)
    {
        using var session = await WebSession.SignedInAsync(app);
        session.Client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var start = await session.SubmitAsync("/", new Dictionary<string, string>(), "/login");
        var result = new Dictionary<string, string>
        {
            ["state"] = (await JsonAsync(start)).GetProperty("state").GetString()!,
            ["user_id"] = "another-persons-smartcar-user-id",
        };
        if (code is not null)
        {
            result["code"] = code;
        }

        using var response = await session.SubmitAsync("/", result, "/exchange");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await JsonAsync(response);
        body.GetProperty("connected").GetBoolean().ShouldBeFalse();
        body.GetProperty("reason").GetString().ShouldBe("SmartcarUserNotConfirmed");
        body.GetProperty("title").GetString().ShouldBe("We could not confirm who connected");
        body.GetProperty("message").GetString().ShouldBe(Explanation);
        await ShouldHaveNoCarAsync(session);
    }

    [Fact]
    public async Task A_redirect_with_her_own_state_and_another_persons_user_id_links_nothing_and_the_page_says_so()
    {
        using var session = await WebSession.SignedInAsync(app);
        using var start = await session.GetAsync("/login");
        var state = QueryHelpers.ParseQuery(start.Headers.Location!.Query)["state"].ToString();

        using var response = await session.GetAsync($"/exchange?state={state}&user_id=another-persons-smartcar-user-id");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(Explanation);
        await ShouldHaveNoCarAsync(session);
    }

    private static async Task ShouldHaveNoCarAsync(WebSession session)
    {
        using var vehicles = await session.GetAsync("/vehicles");
        (await vehicles.Content.ReadAsStringAsync()).ShouldContain("You have not connected a car yet.");
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>The app in the server-side flow, with Smartcar's token endpoint where nothing listens.</summary>
    public sealed class App : TestWebApp
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            UseTestSmartcarSettings(builder);
            builder.UseSetting("Smartcar:Flow", "ServerSide");
            // Port 9 (discard) on loopback: the connection is refused, as when Smartcar cannot be reached.
            builder.UseSetting("Smartcar:AuthBaseUrl", "http://127.0.0.1:9");
        }
    }
}
