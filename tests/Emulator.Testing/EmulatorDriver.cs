using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using SmartcarClean.Emulator.Applications;

namespace SmartcarClean.Emulator.Testing;

/// <summary>
/// One emulator on a dynamic port with a fake clock, plus an HttpClient that walks the Connect pages
/// the way a browser would (reading form actions from the HTML), so tests stay a few lines long.
/// </summary>
public sealed partial class EmulatorDriver : IDisposable
{
    public const string ClientId = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07";
    public const string ClientSecret = "emulator-client-secret";
    public const string RedirectUri = "http://localhost:8000/exchange";
    public const string OtherClientId = "0b1d3c1e-5a4f-4b7e-9f0a-2c6d8e1f3a5b";
    public const string OtherClientSecret = "other-secret";
    public const string OtherRedirectUri = "https://other.example.com/callback?tenant=7";

    public EmulatorDriver()
        : this(_ => { })
    {
    }

    /// <summary>The same two applications as the default driver, with options changed by <paramref name="configure"/>.</summary>
    public EmulatorDriver(Action<EmulatorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new EmulatorOptions();
        options.Applications.Add(new RegisteredApplication(ClientId, ClientSecret, [RedirectUri, "http://localhost:8000/second"]));
        options.Applications.Add(new RegisteredApplication(OtherClientId, OtherClientSecret, [OtherRedirectUri]));
        configure(options);
        Emulator = SmartcarEmulator.Start(options, Clock);
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri(Emulator.BaseUrl),
        };
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));

    public SmartcarEmulator Emulator { get; }

    public HttpClient Http { get; }

    public static string AuthorizeUrl(
        string clientId = ClientId,
        string? redirectUri = RedirectUri,
        string scope = "required:read_vehicle_info read_odometer",
        string? state = "state-123",
        string? make = null,
        string? extra = null)
    {
        var query = new List<string> { "response_type=code", $"client_id={Uri.EscapeDataString(clientId)}", $"scope={Uri.EscapeDataString(scope)}", "mode=test" };
        if (redirectUri is not null)
        {
            query.Add($"redirect_uri={Uri.EscapeDataString(redirectUri)}");
        }

        if (state is not null)
        {
            query.Add($"state={Uri.EscapeDataString(state)}");
        }

        if (make is not null)
        {
            query.Add($"make={make}");
        }

        if (extra is not null)
        {
            query.Add(extra);
        }

        return "/oauth/authorize?" + string.Join('&', query);
    }

    /// <summary>Walks preamble → brand → login → permissions and presses Allow or Deny; returns the redirect.</summary>
    public async Task<Uri> ConnectAsync(
        string email = "driver@example.com", string brand = "TESLA", bool allow = true, string? authorizeUrl = null)
    {
        var page = await GetPageAsync(authorizeUrl ?? AuthorizeUrl());
        if (page.Contains("id=\"continue-button\"", StringComparison.Ordinal))
        {
            page = await GetPageAsync(FormAction(page));
        }

        if (page.Contains("class=\"brand-list-item\"", StringComparison.Ordinal))
        {
            page = await GetPageAsync($"{FormAction(page)}?make={brand}");
        }

        var signIn = await PostFormAsync(FormAction(page), ("username", email), ("password", "any-password"));
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        if (!signIn.Headers.Location!.OriginalString.StartsWith("/connect/", StringComparison.Ordinal))
        {
            return signIn.Headers.Location; // approval_prompt=auto skipped the permissions page, or Connect ended in an error
        }

        page = await GetPageAsync(signIn.Headers.Location!.OriginalString);

        var decision = await PostFormAsync(FormAction(page), ("decision", allow ? "allow" : "deny"));
        decision.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return decision.Headers.Location!;
    }

    /// <summary>Connects and returns the authorization code from the redirect.</summary>
    public async Task<string> GetCodeAsync(string email = "driver@example.com", string brand = "TESLA") =>
        QueryOf(await ConnectAsync(email, brand))["code"];

    public async Task<TokenResponse> ConnectAndExchangeAsync(string email = "driver@example.com", string brand = "TESLA")
    {
        var response = await ExchangeCodeAsync(await GetCodeAsync(email, brand));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return TokenResponse.From(await JsonAsync(response));
    }

    public Task<HttpResponseMessage> ExchangeCodeAsync(
        string code, string redirectUri = RedirectUri, string clientId = ClientId, string clientSecret = ClientSecret) =>
        PostTokenAsync(clientId, clientSecret, ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectUri));

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        PostTokenAsync(ClientId, ClientSecret, ("grant_type", "refresh_token"), ("refresh_token", refreshToken));

    public async Task<HttpResponseMessage> PostTokenAsync(string? clientId, string? clientSecret, params (string Name, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = Form(fields) };
        if (clientId is not null)
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }

        return await Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> GetApiAsync(string path, string? accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields) =>
        await Http.PostAsync(path, Form(fields));

    public async Task<string> GetPageAsync(string path)
    {
        var response = await Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        return html;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Decodes a redirect's query the way a browser's URLSearchParams would.</summary>
    public static Dictionary<string, string> QueryOf(Uri location) =>
        location.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));

    public void Dispose()
    {
        Http.Dispose();
        Emulator.Dispose();
    }

    private static string FormAction(string html)
    {
        var match = FormActionPattern().Match(html);
        match.Success.ShouldBeTrue($"no form on page:\n{html}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static FormUrlEncodedContent Form((string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormActionPattern();
}
