using System.Net;
using Microsoft.Extensions.Options;
using SmartcarClean.Application.Options;

namespace SmartcarClean.Web.Pipeline;

/// <summary>
/// Connect sends the browser back to the redirect URI's host, and the browser's user cookie belongs to the host it
/// was set on. Someone who opens http://127.0.0.1:8000 while the redirect URI says http://localhost:8000 would come
/// back as a stranger, so on loopback the app moves the browser to the redirect URI's host before anything starts.
/// </summary>
public static class RedirectUriHost
{
    public static Task UseRedirectUriHost(HttpContext context, Func<Task> next)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<SmartcarOptions>>().Value;
        if (Uri.TryCreate(options.RedirectUri, UriKind.Absolute, out var redirectUri)
            && IsLoopback(redirectUri.Host)
            && IsLoopback(context.Request.Host.Host)
            && context.Request.Host.Port == redirectUri.Port
            && !string.Equals(context.Request.Host.Host, redirectUri.Host, StringComparison.OrdinalIgnoreCase))
        {
            var target = new UriBuilder(redirectUri.Scheme, redirectUri.Host, redirectUri.Port)
            {
                Path = context.Request.Path.Value,
                Query = context.Request.QueryString.Value,
            };
            context.Response.Redirect(target.Uri.AbsoluteUri);
            return Task.CompletedTask;
        }

        return next();
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
