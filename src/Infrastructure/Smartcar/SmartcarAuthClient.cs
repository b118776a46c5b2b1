using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Ports;

namespace SmartcarClean.Infrastructure.Smartcar;

/// <summary>
/// Smartcar's token endpoints: <c>POST {auth}/oauth/token</c> as the official SDKs call it (Basic client
/// authentication, form body), and the server-side flow's <c>POST {iam}/oauth2/token</c> (credentials in the form body,
/// as Smartcar's documentation shows it).
/// </summary>
internal sealed class SmartcarAuthClient(HttpClient http, IOptions<SmartcarOptions> options) : ISmartcarAuth
{
    public Task<TokenResponse> ExchangeCodeAsync(string code, string? redirectUri, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code };
        if (redirectUri is not null)
        {
            form["redirect_uri"] = redirectUri;
        }

        return RequestTokensAsync(form, cancellationToken);
    }

    public Task<TokenResponse> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        RequestTokensAsync(
            new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken },
            cancellationToken);

    public async Task<ApplicationTokenResponse> GetApplicationTokenAsync(CancellationToken cancellationToken)
    {
        var smartcar = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(smartcar.ApplicationAuthBaseUrl, "/oauth2/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = smartcar.ClientId,
                ["client_secret"] = smartcar.ClientSecret,
            }),
        };
        using var response = await http.SendToSmartcarAsync(request, cancellationToken);
        await ThrowIfRefusedAsync(response, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<TokenBody>(cancellationToken);
        if (body is not { AccessToken.Length: > 0, ExpiresIn: > 0 })
        {
            throw new SmartcarAuthException("invalid_response", "The token endpoint's answer lacks a token or its lifetime.");
        }

        return new ApplicationTokenResponse(body.AccessToken, body.ExpiresIn);
    }

    private async Task<TokenResponse> RequestTokensAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        var smartcar = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(smartcar.AuthBaseUrl, "/oauth/token"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{smartcar.ClientId}:{smartcar.ClientSecret}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);

        using var response = await http.SendToSmartcarAsync(request, cancellationToken);
        await ThrowIfRefusedAsync(response, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<TokenBody>(cancellationToken)
            ?? throw new SmartcarAuthException("invalid_response", "The token endpoint returned no body.");
        if (string.IsNullOrEmpty(body.AccessToken) || string.IsNullOrEmpty(body.RefreshToken) || body.ExpiresIn <= 0)
        {
            throw new SmartcarAuthException("invalid_response", "The token endpoint's answer lacks a token or its lifetime.");
        }

        return new TokenResponse(body.AccessToken, body.RefreshToken, body.ExpiresIn);
    }

    private static async Task ThrowIfRefusedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (await NotAboutTheGrantAsync(response, cancellationToken) is { } unavailable)
        {
            throw unavailable;
        }

        if (!response.IsSuccessStatusCode)
        {
            var error = await ReadJsonOrDefaultAsync<OAuthError>(response, cancellationToken);
            throw new SmartcarAuthException(error?.Error ?? $"http_{(int)response.StatusCode}", error?.ErrorDescription);
        }
    }

    // A rate limit (429), a used-up plan (430) or Smartcar failing (5xx) says nothing about the code or the refresh
    // token: it is an API error the caller shows and retries later (never here), not a refusal that asks the owner to
    // connect again.
    private static async Task<SmartcarApiException?> NotAboutTheGrantAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var type = status switch
        {
            429 => "RATE_LIMIT",
            430 => "BILLING",
            >= 500 => "SERVER",
            _ => null,
        };
        if (type is null)
        {
            return null;
        }

        // Smartcar's API error fields, when the body has them (e.g. 430's code VEHICLE_REQUEST_LIMIT).
        var error = await ReadJsonOrDefaultAsync<ApiError>(response, cancellationToken);
        return new SmartcarApiException(status, error?.Type ?? type, error?.Code, error?.Description ?? response.ReasonPhrase)
        {
            RetryAfter = response.Headers.RetryAfter?.Delta,
        };
    }

    private static async Task<T?> ReadJsonOrDefaultAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private sealed record TokenBody(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    private sealed record ApiError(string? Type, string? Code, string? Description);

    private sealed record OAuthError(
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}
