using Microsoft.Extensions.Options;
using SmartcarClean.Application.Common;

namespace SmartcarClean.Web.Services;

/// <summary>The usual protective headers on every response; every resource the pages use is served by the app itself.</summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<SmartcarOptions> smartcar)
{
    // form-action also governs where a form's redirect may go: the Connect choices form ends at Smartcar Connect.
    private readonly string _contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        $"form-action 'self' {smartcar.Value.ConnectBaseUrl.GetLeftPart(UriPartial.Authority)}; " +
        "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = _contentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // The redirect URI carries a code in its query: never hand that address to another site as a Referer.
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    }
}
