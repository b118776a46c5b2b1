using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using SmartcarClean.Web.Startup;

namespace SmartcarClean.Web.Operations;

/// <summary>
/// Behind a TLS-terminating proxy or load balancer, the app takes the client's address (X-Forwarded-For) and scheme
/// (X-Forwarded-Proto), and the public host (X-Forwarded-Host) when <c>ForwardedHeaders:AllowedHosts</c> lists it,
/// only from the proxies in <c>ForwardedHeaders:KnownProxies</c> and <c>KnownNetworks</c>. None by default, not even
/// loopback: from any other address the headers are ignored, so a visitor cannot pick the address the rate limiter
/// counts, pass for https, or move redirects to another host. The redirect URI sent to Smartcar never comes from a
/// request: it is the configured one. See ADR-008.
/// </summary>
public static class BehindAProxy
{
    private const string Section = "ForwardedHeaders";

    public static WebApplicationBuilder TrustForwardedHeadersFromKnownProxies(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(Section);
        var proxies = Values(settings, "KnownProxies")
            .Select(text => IPAddress.TryParse(text, out var address) ? address : throw Invalid("KnownProxies", text, "an IP address"))
            .ToList();
        var networks = Values(settings, "KnownNetworks")
            .Select(text => System.Net.IPNetwork.TryParse(text, out var network) ? network : throw Invalid("KnownNetworks", text, "a network such as 10.0.0.0/8"))
            .ToList();
        var hosts = Values(settings, "AllowedHosts");
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // ASP.NET trusts loopback by default; here only what the settings name is trusted.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
            // With both lists empty ASP.NET would take the headers from every address: with no proxy, none are applied.
            if (proxies.Count == 0 && networks.Count == 0)
            {
                options.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }

            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (hosts.Length > 0)
            {
                options.ForwardedHeaders |= ForwardedHeaders.XForwardedHost;
                options.AllowedHosts = hosts;
            }
        });
        return builder;
    }

    private static string[] Values(IConfigurationSection settings, string key) => settings.GetSection(key).Get<string[]>() ?? [];

    private static InvalidSettingsException Invalid(string key, string text, string expected) =>
        new($"{Section}:{key} '{text}' is not {expected}.");
}
