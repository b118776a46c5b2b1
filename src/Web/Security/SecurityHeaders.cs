using Microsoft.Extensions.Options;
using SmartcarClean.Application.Options;

namespace SmartcarClean.Web.Security;

/// <summary>
/// The usual protective headers on every response; every resource the pages use is served by the app itself. They are
/// set on the way in, so a page may replace one (the home page relaxes Cross-Origin-Opener-Policy for its pop-up), and
/// set again as the response starts where they are missing: the exception handler clears a failed response's headers
/// before it writes the error page, and that page must carry them too.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<SmartcarOptions> smartcar)
{
    private readonly Dictionary<string, string> _headers = new()
    {
        // form-action also governs where a form's redirect may go: the Connect choices form ends at Smartcar Connect.
        ["Content-Security-Policy"] =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
            $"form-action 'self' {smartcar.Value.ConnectBaseUrl.GetLeftPart(UriPartial.Authority)}; " +
            "frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
        ["X-Content-Type-Options"] = "nosniff",
        ["X-Frame-Options"] = "DENY",
        // The redirect URI carries a code in its query: never hand that address to another site as a Referer.
        ["Referrer-Policy"] = "no-referrer",
        ["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()",
        ["Cross-Origin-Opener-Policy"] = "same-origin",
    };

    public Task InvokeAsync(HttpContext context)
    {
        foreach (var (name, value) in _headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.OnStarting(() =>
        {
            foreach (var (name, value) in _headers)
            {
                context.Response.Headers.TryAdd(name, value);
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
