using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace SmartcarClean.Web.Operations;

/// <summary>
/// For a load balancer or orchestrator: <c>/health/live</c> answers while the process does (no check: restarting it
/// would not mend a database), <c>/health/ready</c> when it can serve (database reachable and migrated, key ring
/// usable). 200 Healthy or 503 Unhealthy, nothing more: which check failed is in the log, not for the public.
/// Answered before https is required, so the balancer may probe the instance over plain http; never signed in, never
/// rate-limited, and left out of traces.
/// </summary>
public static class HealthEndpoints
{
    public const string Live = "/health/live";
    public const string Ready = "/health/ready";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddHealthEndpoints(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<KeyRingHealthCheck>("key-ring", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Early in the pipeline: after the security headers, before https is required and before routing.</summary>
    public static void UseHealthEndpoints(this WebApplication app)
    {
        app.UseHealthChecks(Live, new HealthCheckOptions { Predicate = _ => false });
        app.UseHealthChecks(Ready, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
    }

    /// <summary>A probe, as telemetry and logs see it: nothing to trace.</summary>
    public static bool IsProbe(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
