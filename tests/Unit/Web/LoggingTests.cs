using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace SmartcarClean.Unit.Web;

/// <summary>What the app logs, through the real logging pipeline (configuration rules plus the app's own caps).</summary>
public sealed class LoggingTests(BadInputTests.App app, ProductionApp production)
    : IClassFixture<BadInputTests.App>, IClassFixture<ProductionApp>
{
    [Fact]
    public async Task Even_at_trace_no_connect_url_state_or_code_is_logged()
    {
        var logs = new CapturedLogs();
        using var traced = app.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Logging:LogLevel:Default", "Trace");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        });
        using var session = await WebSession.SignedInAsync(traced);

        using var connect = await session.GetAsync("/login");
        using var exchange = await session.GetAsync("/exchange?code=code-that-must-stay-secret&state=state-that-must-stay-secret");

        connect.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var state = System.Web.HttpUtility.ParseQueryString(connect.Headers.Location!.Query)["state"];
        state.ShouldNotBeNullOrEmpty();
        logs.Lines.ShouldContain(line => line.Level == LogLevel.Trace, "logging at Trace");
        logs.Lines.ShouldNotContain(line => line.Message.Contains(state, StringComparison.Ordinal));
        logs.Lines.ShouldNotContain(line => line.Message.Contains("/oauth/authorize", StringComparison.Ordinal));
        logs.Lines.ShouldNotContain(line => line.Message.Contains("must-stay-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_production_defaults_a_request_logs_no_debug_lines()
    {
        using var client = production.CreateSocketClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        foreach (var path in new[] { "/", "/account/signin", "/login", "/no-such-page" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        }

        production.Logs.Lines.Where(line => line.Level < LogLevel.Information).ShouldBeEmpty();
    }
}
