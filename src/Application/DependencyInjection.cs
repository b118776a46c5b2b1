using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SmartcarClean.Application.Attributes;
using SmartcarClean.Application.Connect.HandleRedirect;
using SmartcarClean.Application.Flows;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Readings;
using SmartcarClean.Application.Telemetry;
using SmartcarClean.Application.Tokens;
using SmartcarClean.Application.Validation;

namespace SmartcarClean.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddMediator(options =>
        {
            // Scoped: handlers use the request's DbContext and current user.
            options.ServiceLifetime = ServiceLifetime.Scoped;
            // Order matters: validation first, so no handler ever sees invalid input.
            options.PipelineBehaviors = [typeof(ValidationBehaviour<,>)];
        });
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, includeInternalTypes: true);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IValidateOptions<SmartcarOptions>, SmartcarOptionsValidator>();
        services.AddSingleton<RefreshLocks>();
        services.AddScoped<AccessTokens>();
        services.AddScoped<RefreshLeases>();
        services.AddScoped<UserVehicles>();
        services.AddScoped<VehicleAccess>();
        services.AddScoped<ReadingsStore>();
        services.AddSingleton<ReadingsLocks>();
        services.AddScoped<FreshReadings>();
        services.AddSingleton<ApplicationTokenCache>();
        services.AddScoped<ApplicationTokens>();
        // HandleRedirect's steps: services, not requests, so the only way in is the one that checks the state.
        services.AddScoped<ExchangeCode>();
        services.AddScoped<LinkSmartcarUser>();
        services.AddScoped<AttributeReader>();
        // The app's own counters (Telemetry/): counted always, exported only when telemetry is configured (Web).
        services.AddSingleton<TokenRefreshMetrics>();
        services.AddSingleton<ConnectOutcomeMetrics>();
        return services;
    }
}
