using System.Net.Http.Json;
using System.Text.Json;
using Polly.Timeout;
using SmartcarClean.Application.Ports;

namespace SmartcarClean.Infrastructure.Smartcar;

/// <summary>
/// How the clients send to Smartcar and read its answers. Smartcar failing to answer as documented becomes an API
/// error with a sentence for the user: an answer in another shape (broken JSON, a missing list or resource), or no
/// answer at all (refused or dropped connection, timeout). Both vehicle APIs (v2.0 and v3) read their answers and
/// errors here, each naming only where its error body keeps the fields.
/// </summary>
internal static class SmartcarAnswers
{
    public static SmartcarApiException Unreadable(int statusCode = 200) =>
        new(statusCode, "SDK_ERROR", "UNREADABLE_ANSWER", "Smartcar's answer could not be read. Please try again later.");

    /// <summary>No answer came (status 0): Smartcar, or the network to it, is down.</summary>
    public static SmartcarApiException Unreachable() =>
        new(0, "SDK_ERROR", "UNREACHABLE", "Smartcar could not be reached. Please try again in a few minutes.");

    /// <summary>
    /// The one way the clients send to Smartcar: a refused or dropped connection, and a timeout (the resilience
    /// handler's, or HttpClient's own), become <see cref="Unreachable"/> once the retries are spent. The caller's own
    /// cancellation (the request aborted, the page's deadline) stays a cancellation.
    /// </summary>
    public static async Task<HttpResponseMessage> SendToSmartcarAsync(
        this HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Unreachable();
        }
    }

    /// <summary>
    /// Sends to one of Smartcar's vehicle APIs. An error answer becomes a <see cref="SmartcarApiException"/> with its
    /// status, <c>Retry-After</c> and the fields <paramref name="errorIn"/> finds in the body (read as
    /// <typeparamref name="TErrorBody"/>); a body that is not such JSON gives type UNKNOWN and the status's reason.
    /// </summary>
    public static async Task<HttpResponseMessage> SendToVehicleApiAsync<TErrorBody>(
        this HttpClient http, HttpRequestMessage request, Func<TErrorBody?, SmartcarError?> errorIn, CancellationToken cancellationToken)
    {
        var response = await http.SendToSmartcarAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(response, errorIn, cancellationToken);
        }
    }

    /// <summary>A successful answer's JSON body; one in another shape is <see cref="Unreadable"/>, and <c>null</c> an error too.</summary>
    public static async Task<T> ReadAnswerAsync<T>(this HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
                ?? throw new SmartcarApiException((int)response.StatusCode, "SDK_ERROR", null, "Empty response body.");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw Unreadable((int)response.StatusCode);
        }
    }

    private static async Task<SmartcarApiException> ToExceptionAsync<TErrorBody>(
        HttpResponseMessage response, Func<TErrorBody?, SmartcarError?> errorIn, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var retryAfter = response.Headers.RetryAfter?.Delta;
        try
        {
            var error = errorIn(await response.Content.ReadFromJsonAsync<TErrorBody>(cancellationToken));
            return new SmartcarApiException(status, error?.Type ?? "UNKNOWN", error?.Code, error?.Description)
            {
                SuggestedUserMessage = error?.SuggestedUserMessage,
                RetryAfter = retryAfter,
                Resolution = SmartcarResolution.Read(error?.Resolution),
            };
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return new SmartcarApiException(status, "UNKNOWN", null, response.ReasonPhrase) { RetryAfter = retryAfter };
        }
    }
}

/// <summary>
/// The fields of a vehicle API error that the app reads: API v2.0's error body as it is; API v3 keeps them in the
/// first of its JSON:API <c>errors</c>, with <c>detail</c> for the description.
/// </summary>
internal sealed record SmartcarError(
    string? Type, string? Code, string? Description, string? SuggestedUserMessage, JsonElement? Resolution);
