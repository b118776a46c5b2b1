using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SmartcarClean.Infrastructure.Smartcar;

/// <summary>The handlers every Smartcar client sends through, and the state they share across the app instance.</summary>
internal static class SmartcarCallRegistration
{
    public static IServiceCollection AddSmartcarCallLimits(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SmartcarHolds>();
        services.AddSingleton<SmartcarCallSlots>();
        services.AddSingleton<SmartcarCallMetrics>();
        services.AddTransient<SmartcarCallGate>();
        services.AddTransient<SmartcarCallMeter>();
        return services;
    }

    /// <summary>
    /// A vehicle API client's handlers, outermost first: the retries (<see cref="SmartcarRetries"/>), Smartcar's
    /// limits (<see cref="SmartcarCallGate"/>: each attempt is checked and takes a slot), the meter (each attempt counted).
    /// </summary>
    public static IHttpClientBuilder AddVehicleApiHandlers(this IHttpClientBuilder client, string retriesName)
    {
        client.AddResilienceHandler(retriesName, SmartcarRetries.Configure);
        return client.AddHttpMessageHandler<SmartcarCallGate>().AddSmartcarCallMeter();
    }

    /// <summary>Counts every call that goes out; add it last, nearest the network.</summary>
    public static IHttpClientBuilder AddSmartcarCallMeter(this IHttpClientBuilder client) =>
        client.AddHttpMessageHandler<SmartcarCallMeter>();
}
