using SmartcarClean.Application.Common;

namespace SmartcarClean.Web.Services;

public static class DependencyInjection
{
    public static IServiceCollection AddWebServices(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentBrowserUser>();
        services.AddAuthentication(CurrentBrowserUser.Scheme).AddCookie(CurrentBrowserUser.Scheme, options =>
        {
            options.Cookie.Name = "smartcarclean.user";
            options.Cookie.HttpOnly = true;
            // Lax: the cookie must come along on Connect's top-level GET redirect back to /exchange.
            options.Cookie.SameSite = SameSiteMode.Lax;
            // The browser is the user until accounts exist: it must outlive a connection's 60-day refresh token,
            // or a returning owner would come back as a stranger. (Chromium caps cookies at 400 days.)
            options.ExpireTimeSpan = TimeSpan.FromDays(365);
            options.SlidingExpiration = true;
        });
        services.AddRazorPages(options =>
        {
            options.Conventions.ConfigureFilter(new ValidationExceptionFilter());
            // The same confirmation page, without a vehicle id: every vehicle.
            options.Conventions.AddPageRoute("/Disconnect", "/vehicles/disconnect-all");
        });
        return services;
    }
}
