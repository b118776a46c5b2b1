using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SmartcarClean.Application.Telemetry;

namespace SmartcarClean.Web.Operations;

/// <summary>
/// OpenTelemetry traces and metrics (ASP.NET Core, HttpClient, EF Core, the app's own <see cref="AppMeter"/>), exported
/// over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; otherwise OpenTelemetry is not even registered. The
/// exporter reads the standard <c>OTEL_*</c> variables (protocol, headers, service name). Spans carry no query strings
/// and no ids (<see cref="TelemetryRedaction"/>): Connect's redirect has the code and state in its query.
/// </summary>
public static class Telemetry
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddTelemetryWhenConfigured(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointSetting]))
        {
            return builder;
        }

        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? "SmartcarClean";
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options =>
                {
                    options.Filter = context => !HealthEndpoints.IsProbe(context);
                    options.EnrichWithHttpRequest = (span, _) => TelemetryRedaction.RedactServerSpan(span);
                })
                .AddHttpClientInstrumentation(options =>
                    options.EnrichWithHttpRequestMessage = (span, request) => TelemetryRedaction.RedactClientSpan(span, request.RequestUri))
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(AppMeter.Name)
                .AddOtlpExporter());
        return builder;
    }
}
