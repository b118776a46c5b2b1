using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Application.Common;
using SmartcarClean.Infrastructure.Identity;
using SmartcarClean.Infrastructure.Persistence;
using SmartcarClean.Infrastructure.Smartcar;

namespace SmartcarClean.Infrastructure;

public static class DependencyInjection
{
    // dataDirectory: where the SQLite file and the Data Protection key ring live.
    public static IServiceCollection AddInfrastructure(
        this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var connectionString = configuration.GetConnectionString("Default")
            ?? $"Data Source={Path.Combine(dataDirectory, "smartcarclean.db")}";
        services.AddDbContext<AppDbContext>(options => options.UseSqlite(connectionString));
        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<AppDbContext>());

        // A persisted key ring: tokens encrypted before a restart can still be read after it.
        services.AddDataProtection()
            .SetApplicationName("SmartcarClean")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));

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
        services.AddHttpClient<ISmartcarAuth, SmartcarAuthClient>();
        services.AddHttpClient<ISmartcarApi, SmartcarApiClient>().AddResilienceHandler("smartcar-api", SmartcarRetries.Configure);
        services.AddHttpClient<ISmartcarApiV3, SmartcarApiV3Client>().AddResilienceHandler("smartcar-api-v3", SmartcarRetries.Configure);
        return services;
    }
}
