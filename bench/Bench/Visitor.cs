using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using SmartcarClean.Emulator.Testing;

namespace SmartcarClean.Bench;

/// <summary>
/// One person's browser, as HTTP: its own cookies (the sign-in and antiforgery cookies), forms posted with their
/// antiforgery token, and Connect walked with the acceptance suite's own requests (<see cref="ConnectWalk"/>).
/// Cookies belong to a host, not a port, so one visitor can also load pages from several app instances.
/// </summary>
internal sealed partial class Visitor : IConnectBrowser, IDisposable
{
    private const int MaxRedirects = 10;
    private readonly HttpClient _http;

    public Visitor()
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = new CookieContainer(),
            // "localhost" is the app's name in Smartcar's redirect URI, but it listens on 127.0.0.1 only: no try at ::1 first.
            ConnectCallback = ConnectToLoopbackAsync,
        })
        { Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>Registers a new account of the app (this browser is then signed in).</summary>
    public async Task RegisterAsync(Uri app)
    {
        var register = new Uri(app, "/account/register");
        var form = await GetAsync(register);
        var password = $"pw-{Guid.NewGuid():N}";
        var registered = await PostFormAsync(register, [
            new("Input.Email", $"driver-{Guid.NewGuid():N}@example.com"),
            new("Input.Password", password),
            new("Input.ConfirmPassword", password),
            new("__RequestVerificationToken", AntiforgeryToken(form.Body)),
        ], followRedirects: true);
        if (!registered.IsSuccess || registered.Url.AbsolutePath == register.AbsolutePath)
        {
            throw new BenchException($"registering an account failed: {registered.Url} answered {registered.Status}.");
        }
    }

    /// <summary>Connects <paramref name="user"/>'s cars and lets the app exchange the code; stops before the first view of the list.</summary>
    public async Task ConnectAsync(Uri app, SeededUser user)
    {
        var redirect = await ConnectWalk.AllowAsync(this, app, EmulatorSteering.Make, user.Email);
        // Back to this instance, whatever host the redirect URI names: several instances share one (behind a proxy).
        var exchange = await SendAsync(HttpMethod.Get, new Uri(app, redirect.PathAndQuery), content: null);
        if (exchange.Location is null || new Uri(exchange.Url, exchange.Location).AbsolutePath != "/vehicles")
        {
            throw new BenchException($"connecting failed: {redirect.AbsolutePath} answered {exchange.Status} {exchange.Location}.");
        }
    }

    /// <summary>One page load, its redirects not followed: what it answered and how long it took, body included.</summary>
    public async Task<TimedLoad> LoadAsync(Uri page)
    {
        var clock = Stopwatch.StartNew();
        var response = await SendAsync(HttpMethod.Get, page, content: null);
        return new TimedLoad(response.Status, clock.Elapsed, response.Body);
    }

    public async Task<BrowsedResponse> GetAsync(Uri url) => await FollowAsync(await SendAsync(HttpMethod.Get, url, content: null));

    public async Task<BrowsedResponse> PostFormAsync(Uri url, IReadOnlyList<KeyValuePair<string, string>> form, bool followRedirects)
    {
        var response = await SendAsync(HttpMethod.Post, url, new FormUrlEncodedContent(form));
        return followRedirects ? await FollowAsync(response) : response;
    }

    private async Task<BrowsedResponse> FollowAsync(BrowsedResponse response)
    {
        for (var hop = 0; response.Location is { } location && hop < MaxRedirects; hop++)
        {
            response = await SendAsync(HttpMethod.Get, new Uri(response.Url, location), content: null);
        }

        return response;
    }

    private async Task<BrowsedResponse> SendAsync(HttpMethod method, Uri url, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var location = (int)response.StatusCode is >= 300 and < 400 ? response.Headers.Location?.OriginalString : null;
        return new BrowsedResponse((int)response.StatusCode, url, location, body);
    }

    private static string AntiforgeryToken(string html)
    {
        var match = AntiforgeryField().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new BenchException("the form carries no antiforgery token.");
    }

    private static async ValueTask<Stream> ConnectToLoopbackAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            var address = context.DnsEndPoint.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(context.DnsEndPoint.Host);
            await socket.ConnectAsync(address, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public void Dispose() => _http.Dispose();
}

/// <summary>A page load: its status, how long until its whole body had arrived, and the body.</summary>
internal sealed record TimedLoad(int Status, TimeSpan Elapsed, string Body);
