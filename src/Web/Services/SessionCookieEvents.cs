using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using SmartcarClean.Infrastructure.Identity;

namespace SmartcarClean.Web.Services;

/// <summary>
/// On every signed-in request, the sign-in cookie opens something only while its session exists on the server and is
/// within its absolute lifetime (one lookup by primary key); then Identity checks the security stamp as before. A
/// cookie whose session has ended, such as a copy kept after signing out, is rejected and deleted.
/// </summary>
public sealed class SessionCookieEvents(UserSessionStore sessions) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var sessionId = context.Principal?.FindFirstValue(Accounts.SessionIdClaim);
        if (userId is null || sessionId is null
            || !await sessions.IsActiveAsync(userId, sessionId, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}

public static class ServerSideSessions
{
    /// <summary>The sign-in cookie checks its server-side session on each request (<see cref="SessionCookieEvents"/>).</summary>
    public static IServiceCollection AddServerSideSessions(this IServiceCollection services)
    {
        services.AddScoped<SessionCookieEvents>();
        services.ConfigureApplicationCookie(options => options.EventsType = typeof(SessionCookieEvents));
        return services;
    }
}
