using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SmartcarClean.Unit.Web;

public sealed class RedirectUriHostTests(BadInputTests.App app) : IClassFixture<BadInputTests.App>
{
    [Fact]
    public async Task A_browser_on_another_loopback_name_is_moved_to_the_redirect_uris_host()
    {
        // The app is configured (BadInputTests.App) with the redirect URI http://localhost:8000/exchange.
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("http://127.0.0.1:8000"),
            AllowAutoRedirect = false,
        });

        using var response = await client.GetAsync(new Uri("/vehicles?x=1", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location.ShouldBe(new Uri("http://localhost:8000/vehicles?x=1"));
    }

    [Fact]
    public async Task A_browser_on_the_redirect_uris_host_is_served()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("http://localhost:8000"),
            AllowAutoRedirect = false,
        });

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
