using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Domain.Vehicles;
using SmartcarClean.Infrastructure.Persistence;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace SmartcarClean.Unit.Web;

/// <summary>
/// The real app when one of Smartcar's APIs cannot be reached (a closed port) or answers garbage: every page answers
/// with a sentence in place of what could not be read, never a 500, and what could be read is still shown (the list's
/// cars on "Refresh", which is when the list asks Smartcar).
/// A signed-in user here has one classic connection (<c>v-classic</c>, API v2.0) and one linked Smartcar user
/// (<c>v-server</c>, API v3).
/// </summary>
public sealed class UnreachableSmartcarPageTests : IDisposable
{
    private const string Unreachable = "Smartcar could not be reached. Please try again in a few minutes.";
    private const string Unreadable = "Smartcar's answer could not be read. Please try again later.";

    // Nothing listens on port 1 of the loopback address: every connection is refused at once.
    private const string ClosedPort = "http://127.0.0.1:1";

    private readonly WireMockServer _smartcar = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

    public UnreachableSmartcarPageTests()
    {
        _smartcar.Given(Request.Create().WithPath("/oauth2/token").UsingPost())
            .RespondWith(Json(new { access_token = "app-token", token_type = "Bearer", expires_in = 3600 }));
        _smartcar.Given(Request.Create().WithPath("/v2.0/vehicles").UsingGet())
            .RespondWith(Json(new { vehicles = new[] { "v-classic" }, paging = new { count = 1, offset = 0 } }));
        _smartcar.Given(Request.Create().WithPath("/v2.0/vehicles/v-classic/").UsingGet())
            .RespondWith(Json(new { id = "v-classic", make = "TESLA", model = "Model 3", year = 2021 }));
        _smartcar.Given(Request.Create().WithPath(new RegexMatcher("^/v3/connections")).UsingGet())
            .RespondWith(Json(new
            {
                data = new[] { new { type = "connection", relationships = new { vehicle = new { data = new { type = "vehicle", id = "v-server" } } } } },
                links = new { next = (string?)null },
            }));
        _smartcar.Given(Request.Create().WithPath("/v3/vehicles/v-server").UsingGet())
            .RespondWith(Json(new { data = new { type = "vehicle", id = "v-server", attributes = new { make = "VOLVO", model = "XC40", year = 2023 } } }));
    }

    [Fact]
    public async Task Refresh_with_the_classic_flow_unreachable_shows_its_problem_line_and_the_server_side_cars()
    {
        await using var app = new App(api: ClosedPort, vehicleApi: _smartcar.Url!, _smartcar.Url!);
        using var session = await SignedInWithBothFlowsAsync(app);

        var html = await RefreshedListAsync(session);

        html.ShouldContain(Unreachable);
        html.ShouldContain("XC40");
    }

    [Fact]
    public async Task Refresh_with_the_server_side_flow_unreachable_shows_its_problem_line_and_the_classic_cars()
    {
        await using var app = new App(api: _smartcar.Url!, vehicleApi: ClosedPort, _smartcar.Url!);
        using var session = await SignedInWithBothFlowsAsync(app);

        var html = await RefreshedListAsync(session);

        html.ShouldContain(Unreachable);
        html.ShouldContain("Model 3");
    }

    [Fact]
    public async Task Refresh_with_the_server_side_flow_answering_html_shows_its_problem_line_and_the_classic_cars()
    {
        _smartcar.Given(Request.Create().WithPath("/v3/vehicles/v-server").UsingGet()).AtPriority(0)
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/html").WithBody("<html>Bad gateway</html>"));
        await using var app = new App(api: _smartcar.Url!, vehicleApi: _smartcar.Url!, _smartcar.Url!);
        using var session = await SignedInWithBothFlowsAsync(app);

        var html = await RefreshedListAsync(session);

        html.ShouldContain(Unreadable);
        html.ShouldContain("Model 3");
    }

    [Fact]
    public async Task Refresh_with_the_classic_token_renewal_unreachable_shows_its_problem_line_and_the_server_side_cars()
    {
        await using var app = new App(api: _smartcar.Url!, vehicleApi: _smartcar.Url!, _smartcar.Url!, auth: ClosedPort);
        using var session = await SignedInWithBothFlowsAsync(app, accessTokenIssued: DateTimeOffset.UtcNow.AddHours(-3));

        var html = await RefreshedListAsync(session);

        html.ShouldContain(Unreachable);
        html.ShouldContain("XC40");
        html.ShouldNotContain("Please connect again");
    }

    [Fact]
    public async Task Token_refresh_unreachable_on_the_vehicle_page_Lock_and_Disconnect_says_so_and_keeps_the_car()
    {
        await using var app = new App(api: _smartcar.Url!, vehicleApi: _smartcar.Url!, _smartcar.Url!, auth: ClosedPort);
        using var session = await SignedInWithBothFlowsAsync(app, accessTokenIssued: DateTimeOffset.UtcNow.AddHours(-3));

        (await PageAsync(session, "/vehicles/v-classic")).ShouldContain(Unreachable);
        using var locked = await session.SubmitAsync("/vehicles/v-classic", new Dictionary<string, string>(), "/vehicles/v-classic?handler=Lock");
        locked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PageAsync(session, locked.Headers.Location!.OriginalString)).ShouldContain(Unreachable);
        using var disconnected = await session.SubmitAsync("/vehicles/v-classic/disconnect", new Dictionary<string, string>());
        disconnected.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PageAsync(session, disconnected.Headers.Location!.OriginalString)).ShouldContain($"Nothing was disconnected. {Unreachable}");
    }

    [Fact]
    public async Task Disconnecting_a_Smartcar_account_while_its_token_endpoint_is_unreachable_says_so()
    {
        await using var app = new App(api: _smartcar.Url!, vehicleApi: _smartcar.Url!, applicationAuth: ClosedPort);
        using var session = await SignedInWithBothFlowsAsync(app);
        using var scope = app.Services.CreateScope();
        var link = scope.ServiceProvider.GetRequiredService<AppDbContext>().SmartcarUserLinks.Single();

        using var disconnected = await session.SubmitAsync($"/vehicles/smartcar-accounts/{link.Id}/disconnect", new Dictionary<string, string>());

        disconnected.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await disconnected.Content.ReadAsStringAsync()).ShouldContain(Unreachable);
    }

    [Fact]
    public async Task Refresh_with_the_application_token_endpoint_unreachable_shows_its_problem_line_and_the_classic_cars()
    {
        await using var app = new App(api: _smartcar.Url!, vehicleApi: _smartcar.Url!, applicationAuth: ClosedPort);
        using var session = await SignedInWithBothFlowsAsync(app);

        var html = await RefreshedListAsync(session);

        html.ShouldContain(Unreachable);
        html.ShouldContain("Model 3");
    }

    [Fact]
    public async Task The_vehicle_page_says_Smartcar_could_not_be_reached()
    {
        await using var app = new App(api: ClosedPort, vehicleApi: _smartcar.Url!, _smartcar.Url!);
        using var session = await SignedInWithBothFlowsAsync(app);

        (await PageAsync(session, "/vehicles/v-classic")).ShouldContain(Unreachable);
    }

    [Fact]
    public async Task Lock_says_Smartcar_could_not_be_reached()
    {
        await using var app = new App(api: ClosedPort, vehicleApi: _smartcar.Url!, _smartcar.Url!);
        using var session = await SignedInWithBothFlowsAsync(app);

        using var locked = await session.SubmitAsync("/vehicles/v-classic", new Dictionary<string, string>(), "/vehicles/v-classic?handler=Lock");

        locked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PageAsync(session, locked.Headers.Location!.OriginalString)).ShouldContain(Unreachable);
    }

    [Fact]
    public async Task Disconnect_says_Smartcar_could_not_be_reached_and_keeps_the_car()
    {
        await using var app = new App(api: ClosedPort, vehicleApi: _smartcar.Url!, _smartcar.Url!);
        using var session = await SignedInWithBothFlowsAsync(app);

        using var disconnected = await session.SubmitAsync("/vehicles/v-classic/disconnect", new Dictionary<string, string>());

        disconnected.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var html = await PageAsync(session, disconnected.Headers.Location!.OriginalString);
        html.ShouldContain($"Nothing was disconnected. {Unreachable}");
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AppDbContext>().Connections.Count().ShouldBe(1);
    }

    private static IResponseBuilder Json(object body) =>
        Response.Create().WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(body));

    // The list itself calls no one: Smartcar is asked on "Refresh", whose result the list then shows.
    private static async Task<string> RefreshedListAsync(WebSession session)
    {
        using var refreshed = await session.SubmitAsync("/vehicles", new Dictionary<string, string>(), "/vehicles?handler=Refresh");
        refreshed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return await PageAsync(session, refreshed.Headers.Location!.OriginalString);
    }

    private static async Task<string> PageAsync(WebSession session, string path)
    {
        using var page = await session.GetAsync(path);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        return WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
    }

    private static async Task<WebSession> SignedInWithBothFlowsAsync(App app, DateTimeOffset? accessTokenIssued = null)
    {
        var (session, userId) = await WebSession.SignedInWithIdAsync(app);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;
        db.Connections.Add(Connection.Create(userId, TokenSet.Issued("access", "refresh", 7200, accessTokenIssued ?? now), ["v-classic"], now));
        db.SmartcarUserLinks.Add(SmartcarUserLink.Create(userId, "sc-user-1", now));
        await db.SaveChangesAsync();
        return session;
    }

    public void Dispose()
    {
        _smartcar.Stop();
        _smartcar.Dispose();
    }

    private sealed class App(string api, string vehicleApi, string applicationAuth, string auth = "https://auth.smartcar.com") : TestWebApp
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            UseTestSmartcarSettings(builder);
            builder.UseSetting("Smartcar:ApiBaseUrl", api);
            builder.UseSetting("Smartcar:VehicleApiBaseUrl", vehicleApi);
            builder.UseSetting("Smartcar:ApplicationAuthBaseUrl", applicationAuth);
            builder.UseSetting("Smartcar:AuthBaseUrl", auth);
        }
    }
}
