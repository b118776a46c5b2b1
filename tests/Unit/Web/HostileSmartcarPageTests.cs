using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.WebUtilities;
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
/// The reproduction: a Smartcar whose vehicle count is <c>int.MaxValue</c>. The real app's "Refresh" on the list
/// reads a bounded number of pages and cars, keeps those, and says in words why the rest is missing.
/// </summary>
public sealed class HostileSmartcarPageTests : IDisposable
{
    private const string VehicleList = "/v2.0/vehicles";

    private readonly WireMockServer _smartcar = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

    [Fact]
    public async Task A_vehicle_count_of_int_MaxValue_on_refresh_keeps_the_first_cars_and_says_why_after_a_bounded_number_of_calls()
    {
        AnswerWithEndlessVehicles();
        await using var app = new App(_smartcar.Url!);
        using var session = await SignedInWithAConnectionAsync(app);

        using var refreshed = await session.SubmitAsync("/vehicles", new Dictionary<string, string>(), "/vehicles?handler=Refresh");
        refreshed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var page = await session.GetAsync(refreshed.Headers.Location!.OriginalString);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        html.Split("data-vehicle-id=").Length.ShouldBe(120 + 1);
        html.ShouldContain("Smartcar's answer kept going past 120 cars; showing the first 120.");
        _smartcar.LogEntries.Count(e => e.RequestMessage?.Path == VehicleList).ShouldBe(3, "120 cars are 3 pages of 50");
        _smartcar.LogEntries.Count.ShouldBe(3 + 120);
    }

    private void AnswerWithEndlessVehicles()
    {
        _smartcar.Given(Request.Create().WithPath(VehicleList).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(request =>
            {
                var query = QueryHelpers.ParseQuery(new Uri(request.AbsoluteUrl).Query);
                var offset = int.Parse(query["offset"]!, System.Globalization.CultureInfo.InvariantCulture);
                var ids = Enumerable.Range(offset, 50).Select(i => $"v-{i}");
                return JsonSerializer.Serialize(new { vehicles = ids, paging = new { count = int.MaxValue, offset } });
            }));
        _smartcar.Given(Request.Create().WithPath(new RegexMatcher("^/v2\\.0/vehicles/[^/]+/$")).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(request =>
                JsonSerializer.Serialize(new { id = request.Path.Split('/')[^2], make = "TESLA", model = "Model 3", year = 2021 })));
    }

    private static async Task<WebSession> SignedInWithAConnectionAsync(App app)
    {
        var (session, userId) = await WebSession.SignedInWithIdAsync(app);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;
        db.Connections.Add(Connection.Create(userId, TokenSet.Issued("access", "refresh", 7200, now), ["v-0"], now));
        await db.SaveChangesAsync();
        return session;
    }

    public void Dispose()
    {
        _smartcar.Stop();
        _smartcar.Dispose();
    }

    private sealed class App(string smartcarUrl) : TestWebApp
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            UseTestSmartcarSettings(builder);
            builder.UseSetting("Smartcar:ApiBaseUrl", smartcarUrl);
            builder.UseSetting("Smartcar:Limits:MaxVehicles", "120");
        }
    }
}
