using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace SmartcarClean.Web.Security;

/// <summary>
/// Transport security. Outside Development the app is reached over https (itself, or through a TLS-terminating
/// proxy): HSTS, https redirection, and <c>Secure</c> sign-in and antiforgery cookies. Development stays plain http
/// on localhost, which Smartcar allows. Which proxy may say the visitor used https: <c>Operations/BehindAProxy</c>.
/// </summary>
public static class WebSecurity
{
    public static void AddWebSecurity(this WebApplicationBuilder builder)
    {
        // Kestrel names itself in a Server header otherwise: nothing a visitor needs to know.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        if (!builder.Environment.IsDevelopment())
        {
            builder.Services.PostConfigure<CookieAuthenticationOptions>(
                IdentityConstants.ApplicationScheme, options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            builder.Services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        }
    }

    /// <summary>
    /// HSTS and https redirection, outside Development. After the exception handler, so its error page gets HSTS too.
    /// A plain http request that cannot be redirected (no https port known, no proxy saying https) gets a page that says
    /// so: its Secure cookies could never work, and antiforgery would fail it with a 500.
    /// </summary>
    public static void UseHttpsOutsideDevelopment(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
            app.Use((context, next) => context.Request.IsHttps ? next(context) : RefusePlainHttpAsync(context));
        }
    }

    private static Task RefusePlainHttpAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><title>https only</title></head><body>" +
            "<h1>This site works over https only</h1><p>Open it with an https:// address.</p></body></html>");
    }
}
