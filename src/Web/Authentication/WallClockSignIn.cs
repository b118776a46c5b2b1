using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace SmartcarClean.Web.Authentication;

/// <summary>
/// Offline, the app's <see cref="TimeProvider"/> is the embedded emulator's clock, which stands for Smartcar's time
/// (token expiry) and which anyone may move forward. Signing in is this app's own business: its cookies and the
/// security-stamp check keep to the wall clock, so "15 days pass at Smartcar" never signs anyone out.
/// </summary>
public static class WallClockSignIn
{
    public static IServiceCollection KeepSignInOnTheWallClock(this IServiceCollection services)
    {
        // Every Identity cookie (sign-in, external, two-factor); the framework fills in the app's TimeProvider only
        // where none is set.
        services.ConfigureAll<CookieAuthenticationOptions>(options => options.TimeProvider = TimeProvider.System);
        services.Configure<SecurityStampValidatorOptions>(options => options.TimeProvider = TimeProvider.System);
        return services;
    }
}
