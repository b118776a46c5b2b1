using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SmartcarClean.Application.Telemetry;
using SmartcarClean.Emulator.Testing;
using SmartcarClean.Infrastructure.Persistence;

namespace SmartcarClean.Unit.Web.Operations;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, a page view is traced (ASP.NET Core, HttpClient to Smartcar, EF Core)
/// and counted (the app's own meter among the others), exported over OTLP, and no span carries a code, state, token,
/// id or e-mail. Without it there is no OpenTelemetry at all. Smartcar is the real emulator over HTTP; the spans and
/// metrics are read from the in-memory exporter added beside OTLP.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_connect_and_a_page_view_are_traced_counted_and_exported_over_otlp_with_no_secret_in_a_span()
    {
        using var collector = new OtlpReceiver();
        await using var app = new TracedApp(collector.Url);
        var (session, userId) = await WebSession.SignedInWithIdAsync(app);
        // This test's requests carry a trace of their own: the spans of other tests' apps in this process are not ours.
        var traceId = ActivityTraceId.CreateRandom();
        session.Client.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        using var login = await session.GetAsync("/login");
        var back = await app.Smartcar.ConnectAsync(authorizeUrl: login.Headers.Location!.AbsoluteUri);
        using var exchange = await session.GetAsync($"/exchange{back.Query}");
        using var vehicles = await session.GetAsync("/vehicles");
        vehicles.StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Services.GetRequiredService<TracerProvider>().ForceFlush().ShouldBeTrue();
        app.Services.GetRequiredService<MeterProvider>().ForceFlush().ShouldBeTrue();

        var spans = app.Spans.Where(span => span.TraceId == traceId).ToList();
        spans.Any(IsTheVehiclesPage).ShouldBeTrue("an ASP.NET Core span of the page");
        var smartcarPort = new Uri(app.Smartcar.Emulator.BaseUrl).Port;
        spans.ShouldContain(span => span.Kind == ActivityKind.Client && span.Source.Name == "System.Net.Http"
            && Equals(span.GetTagItem("server.port"), smartcarPort) && span.DisplayName == "POST");
        spans.ShouldContain(span => span.Source.Name == "OpenTelemetry.Instrumentation.EntityFrameworkCore");
        app.Metrics.ShouldContain(metric => metric.Name == "http.server.request.duration");
        app.Metrics.ShouldContain(metric => metric.Name == "http.client.request.duration");
        CountOf(app.Metrics, ConnectOutcomeMetrics.Instrument, "connected").ShouldBeGreaterThanOrEqualTo(1);
        collector.Exports.ShouldContain("POST /v1/traces application/x-protobuf");
        collector.Exports.ShouldContain("POST /v1/metrics application/x-protobuf");

        var secrets = await SecretsOfAsync(app, userId, back);
        foreach (var span in spans)
        {
            var recorded = $"{span.DisplayName} {span.StatusDescription} "
                + string.Join(" ", span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"))
                + string.Join(" ", span.Events.SelectMany(e => e.Tags).Select(tag => $"{tag.Key}={tag.Value}"));
            foreach (var secret in secrets)
            {
                recorded.ShouldNotContain(secret, Case.Insensitive, $"a {span.Source.Name} span records {secret}");
            }
        }
    }

    [Fact]
    public async Task Without_an_otlp_endpoint_there_is_no_telemetry_sdk_and_nothing_is_exported()
    {
        await using var app = new TracedApp(endpoint: "");
        using var session = await WebSession.SignedInAsync(app);

        using var vehicles = await session.GetAsync("/vehicles");

        vehicles.StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Services.GetService<TracerProvider>().ShouldBeNull();
        app.Services.GetService<MeterProvider>().ShouldBeNull();
        app.Spans.ShouldBeEmpty();
        app.Metrics.ShouldBeEmpty();
    }

    private static bool IsTheVehiclesPage(Activity span) =>
        span.Kind == ActivityKind.Server && span.Source.Name == "Microsoft.AspNetCore"
        && span.GetTagItem("http.route") is string route && route.Trim('/') == "vehicles";

    /// <summary>What must never be in a span: Connect's code and state, the user's e-mail and ids, the tokens, the cars' ids.</summary>
    private static async Task<List<string>> SecretsOfAsync(TracedApp app, string userId, Uri redirectBack)
    {
        var query = EmulatorDriver.QueryOf(redirectBack);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = await db.Connections.SingleAsync(c => c.OwnerId == userId);
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync();
        List<string> secrets = [query["code"], query["state"], email!, userId, connection.Id.ToString(), connection.Tokens.AccessToken, connection.Tokens.RefreshToken];
        secrets.AddRange(connection.Vehicles.Select(vehicle => vehicle.SmartcarVehicleId));
        secrets.ShouldAllBe(secret => secret.Length >= 8);
        return secrets;
    }

    private static long CountOf(IEnumerable<Metric> metrics, string name, string outcome)
    {
        long count = 0;
        foreach (var metric in metrics.Where(m => m.MeterName == AppMeter.Name && m.Name == name))
        {
            foreach (var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    if (tag.Key == "outcome" && Equals(tag.Value, outcome))
                    {
                        count += point.GetSumLong();
                    }
                }
            }
        }

        return count;
    }

    /// <summary>
    /// The app against the real emulator, with telemetry exported to <paramref name="endpoint"/> over OTLP/HTTP (none
    /// when empty) and to in-memory lists the test reads.
    /// </summary>
    private sealed class TracedApp(string endpoint) : TestWebApp
    {
        public EmulatorDriver Smartcar { get; } = new();

        public List<Activity> Spans { get; } = [];

        public List<Metric> Metrics { get; } = [];

        protected override void Configure(IWebHostBuilder builder)
        {
            UseTestSmartcarSettings(builder);
            builder.UseSetting("Smartcar:ClientId", EmulatorDriver.ClientId);
            builder.UseSetting("Smartcar:ClientSecret", EmulatorDriver.ClientSecret);
            builder.UseSetting("Smartcar:RedirectUri", EmulatorDriver.RedirectUri);
            foreach (var url in new[] { "ConnectBaseUrl", "AuthBaseUrl", "ApiBaseUrl" })
            {
                builder.UseSetting($"Smartcar:{url}", Smartcar.Emulator.BaseUrl);
            }

            builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
            builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            builder.ConfigureTestServices(services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
                services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
            });
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            Smartcar.Dispose();
        }
    }
}
