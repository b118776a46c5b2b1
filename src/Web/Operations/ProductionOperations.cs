namespace SmartcarClean.Web.Operations;

/// <summary>
/// What running the app in production needs beside its pages: forwarded headers from known proxies only
/// (<see cref="BehindAProxy"/>), health endpoints for a load balancer (<see cref="HealthEndpoints"/>) and OpenTelemetry
/// when an OTLP endpoint is configured (<see cref="Telemetry"/>).
/// </summary>
public static class ProductionOperations
{
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.TrustForwardedHeadersFromKnownProxies();
        builder.Services.AddHealthEndpoints();
        builder.AddTelemetryWhenConfigured();
        return builder;
    }
}
