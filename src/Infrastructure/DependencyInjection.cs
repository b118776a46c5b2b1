using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Ports;
using SmartcarClean.Infrastructure.Identity;
using SmartcarClean.Infrastructure.KeyRing;
using SmartcarClean.Infrastructure.Persistence;
using SmartcarClean.Infrastructure.Smartcar;

namespace SmartcarClean.Infrastructure;

public static class DependencyInjection
{
    // dataDirectory: where the SQLite file and the Data Protection key ring live.
    public static IServiceCollection AddInfrastructure(
        this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        OwnerOnlyFiles.CreateDirectory(dataDirectory);
        var connectionString = configuration.GetConnectionString("Default")
            ?? $"Data Source={Path.Combine(dataDirectory, "smartcarclean.db")}";
        OwnerOnlyFiles.PrepareSqliteFile(connectionString);
        SqliteWriteAheadLog.Enable(connectionString);
        services.AddDbContext<AppDbContext>(options => options.UseSqlite(connectionString));
        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<AppDbContext>());

        // A persisted key ring: tokens encrypted before a restart can still be read after it. Owner-only, and
        // encrypted at rest when a certificate is configured.
        services.AddKeyRing(configuration, dataDirectory);

        // Local accounts in the same database. The web layer adds the sign-in cookie (AddIdentityCookies).
        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Relaxed for a reference app, not disabled: a length of 8 or more, no character-class rules.
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddAccountSecurity();

        services.AddOptions<SmartcarOptions>().Bind(configuration.GetSection(SmartcarOptions.Section)).ValidateOnStart();
        services.AddOptions<SmartcarLimits>().Bind(configuration.GetSection(SmartcarLimits.Section))
            .Validate(l => l.AreValid, "Smartcar:Limits: MaxPages, MaxVehicles, MaxConcurrentCalls and PageDeadline must be greater than zero.")
            .ValidateOnStart();
        services.AddOptions<ReadingsOptions>().Bind(configuration.GetSection(ReadingsOptions.Section))
            .Validate(r => r.AreValid, "Smartcar:Readings:FreshFor must be more than zero and at most a day (e.g. 00:05:00).").ValidateOnStart();
        services.AddSmartcarCallLimits();
        services.AddHttpClient<ISmartcarAuth, SmartcarAuthClient>().AddSmartcarCallMeter();
        services.AddHttpClient<ISmartcarApi, SmartcarApiClient>().AddVehicleApiHandlers("smartcar-api");
        services.AddHttpClient<ISmartcarApiV3, SmartcarApiV3Client>().AddVehicleApiHandlers("smartcar-api-v3");
        return services;
    }
}
