using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using SmartcarClean.Infrastructure.Identity;

namespace SmartcarClean.Web.Authentication;

/// <summary>
/// On every signed-in request, the sign-in cookie opens something only while its session exists on the server and is
/// within its absolute lifetime (one lookup by primary key); then the cookie's other checks run as before (Identity's
/// security stamp). A cookie whose session has ended, such as a copy kept after signing out, is rejected and deleted.
/// </summary>
public static class ServerSideSessions
{
    public static IServiceCollection AddServerSideSessions(this IServiceCollection services)
    {
        // PostConfigure: wraps whatever validation the cookie has by then, rather than replacing its events.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).PostConfigure(options =>
        {
            var otherChecks = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                if (await HasEndedAsync(context))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(context.Scheme.Name);
                    return;
                }

                await otherChecks(context);
            };
        });
        return services;
    }

    private static async Task<bool> HasEndedAsync(CookieValidatePrincipalContext context)
    {
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var sessionId = context.Principal?.FindFirstValue(Accounts.SessionIdClaim);
        var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessionStore>();
        return userId is null || sessionId is null
            || !await sessions.IsActiveAsync(userId, sessionId, context.HttpContext.RequestAborted);
    }
}
