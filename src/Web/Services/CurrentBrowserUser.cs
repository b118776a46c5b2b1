using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SmartcarClean.Application.Common;

namespace SmartcarClean.Web.Services;

/// <summary>
/// Until the app has accounts, each browser is its own user: an id in an encrypted, HttpOnly authentication cookie.
/// Connect attempts and connections belong to that id, so one browser can never finish or see another's.
/// </summary>
public sealed class CurrentBrowserUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public string Id => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("No browser user: EnsureBrowserUser must run before the pages.");

    /// <summary>Gives a browser without a user cookie a new user, for this request and the ones after it.</summary>
    public static async Task EnsureBrowserUser(HttpContext context, Func<Task> next)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString("N"))], Scheme);
            var principal = new ClaimsPrincipal(identity);
            await context.SignInAsync(Scheme, principal, new AuthenticationProperties { IsPersistent = true });
            context.User = principal;
        }

        await next();
    }
}
