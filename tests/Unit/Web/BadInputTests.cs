using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace SmartcarClean.Unit.Web;

/// <summary>Whatever arrives at the redirect URI, the user gets a clear page, never a 500.</summary>
public sealed class BadInputTests(BadInputTests.App app) : IClassFixture<BadInputTests.App>, IAsyncLifetime
{
    private WebSession? _session;

    // The redirect URI is for signed-in users only, so a signed-in user is the one who gets these answers.
    private HttpClient Client => _session!.Client;

    public async Task InitializeAsync() => _session = await WebSession.SignedInAsync(app);

    public Task DisposeAsync()
    {
        _session?.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("/exchange")]
    [InlineData("/exchange?%%%&&==garbage=%ZZ")]
    [InlineData("/exchange?code=<script>alert(1)</script>&state=x")]
    [InlineData("/exchange?code=abc&state=not-a-state-we-issued")]
    [InlineData("/exchange?error=brand_new_error&error_description=Something&state=unknown")]
    [InlineData("/exchange?error=access_denied")]
    [InlineData("/exchange?code=a&code=b&state=c&state=d")]
    public async Task The_redirect_uri_answers_any_query_with_a_clear_page(string url)
    {
        using var response = await Client.GetAsync(new Uri(url, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("data-testid=\"connect-failure\"");
        html.ShouldContain("Nothing was connected");
        html.ShouldNotContain("<script>alert(1)</script>");
    }

    [Fact]
    public async Task A_huge_query_is_refused_with_a_clear_page()
    {
        var url = $"/exchange?code={new string('a', 6000)}&state={new string('b', 1500)}";

        using var response = await Client.GetAsync(new Uri(url, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("This sign-in link is not valid");
        html.ShouldContain("not in the form Smartcar sends");
    }

    [Theory]
    [InlineData("/login?permission=everything", "A permission is a Smartcar permission name")]
    [InlineData("/login?vin=not-a-vin", "A VIN has 17 letters and digits")]
    [InlineData("/login?mode=production", "This app connects cars in test mode only.")]
    [InlineData("/login?mode=simulated", "This app connects cars in test mode only.")]
    public async Task Connect_choices_that_cannot_be_used_are_field_errors_not_a_trip_to_Connect(string url, string error)
    {
        using var response = await Client.GetAsync(new Uri(url, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(error);
    }

    [Fact]
    public async Task An_unknown_page_is_a_friendly_404()
    {
        using var response = await Client.GetAsync(new Uri("/no-such-page", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Page not found");
    }

    public sealed class App : TestWebApp
    {
        protected override void Configure(IWebHostBuilder builder) => UseTestSmartcarSettings(builder);
    }
}
