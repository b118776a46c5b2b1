using Microsoft.AspNetCore.Identity;
using SmartcarClean.Application.Ports;
using SmartcarClean.Web.Authentication;
using SmartcarClean.Web.Operations;
using SmartcarClean.Web.Pipeline;
using SmartcarClean.Web.Security;

namespace SmartcarClean.Web;

/// <summary>
/// The one place the web project's parts are wired: the signed-in user and accounts (<c>Authentication/</c>), the pages
/// and their filter (<c>Pipeline/</c>), the abuse limits, transport security and log caps (<c>Security/</c>), and
/// forwarded headers, health endpoints and telemetry (<c>Operations/</c>).
/// What runs before the services exist, the configuration sources and the embedded emulator, is in <c>Startup/</c>.
/// </summary>
public static class DependencyInjection
{
    public static WebApplicationBuilder AddWebServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddAccountsAndPages();
        builder.Services.AddRateLimits(builder.Configuration);
        builder.AddWebSecurity();
        builder.AddOperations();
        builder.Logging.KeepSecretsOutOfLogs();
        return builder;
    }

    private static IServiceCollection AddAccountsAndPages(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddScoped<Accounts>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "smartcarclean.auth";
            options.Cookie.HttpOnly = true;
            // Lax: the cookie must come along on Connect's top-level GET redirect back to /exchange.
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the app is reached over https, and always outside Development (WebSecurity).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Persistent and sliding: 14 days after the last visit, the user signs in again. Connections stay with the
            // account, so signing in again brings them back.
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            options.SlidingExpiration = true;
            options.LoginPath = "/account/signin";
            options.LogoutPath = "/account/signout";
            options.AccessDeniedPath = "/account/signin";
            options.ReturnUrlParameter = "returnUrl";
        });
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = Accounts.KeepSessionId);
        services.KeepSignInOnTheWallClock();
        services.AddServerSideSessions();

        services.AddRazorPages(options =>
        {
            options.Conventions.ConfigureFilter(new ValidationExceptionFilter());
            // Signed-in users only, except the pages listed here.
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToPage("/Index");
            options.Conventions.AllowAnonymousToPage("/Error");
            options.Conventions.AllowAnonymousToPage("/Account/SignIn");
            options.Conventions.AllowAnonymousToPage("/Account/Register");
            options.Conventions.AllowAnonymousToPage("/Account/SignOut");
            // The same confirmation page, without a vehicle id: every vehicle.
            options.Conventions.AddPageRoute("/Disconnect", "/vehicles/disconnect-all");
        });
        return services;
    }
}
