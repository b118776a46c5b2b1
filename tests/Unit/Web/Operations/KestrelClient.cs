using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SmartcarClean.Unit.Web.Operations;

/// <summary>
/// Requests to an app on a real Kestrel socket, from 127.0.0.1, with the headers a test chooses (a proxy's
/// X-Forwarded-*, or a forger's). No cookies or redirects are handled for the test.
/// </summary>
internal static partial class KestrelClient
{
    public static HttpClient For(IServiceProvider services)
    {
        var address = services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(address) };
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        foreach (var (name, value) in headers)
        {
            if (name == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.Add(name, value);
            }
        }

        return request;
    }

    /// <summary>Opens the form at <paramref name="formPath"/> and posts it back with its antiforgery token and cookie.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        HttpClient client, string formPath, Dictionary<string, string> fields, string? cookie, params (string Name, string Value)[] headers)
    {
        using var form = Request(HttpMethod.Get, formPath, headers);
        if (cookie is not null)
        {
            form.Headers.Add("Cookie", cookie);
        }

        using var page = await client.SendAsync(form);
        page.StatusCode.ShouldBe(HttpStatusCode.OK, $"the form at {formPath}");
        var antiforgery = SetCookies(page).Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0];
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);
        var post = Request(HttpMethod.Post, formPath, headers);
        post.Headers.Add("Cookie", cookie is null ? antiforgery : $"{cookie}; {antiforgery}");
        post.Content = new FormUrlEncodedContent(fields);
        return await client.SendAsync(post);
    }

    public static string[] SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
