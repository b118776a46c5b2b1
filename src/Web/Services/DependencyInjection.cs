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
            options.ExpireTimeSpan = TimeSpan.FromDays(30);
            options.SlidingExpiration = true;
        });
        services.AddRazorPages(options => options.Conventions.ConfigureFilter(new ValidationExceptionFilter()));
        return services;
    }
}
