using Polly.Timeout;
using SmartcarClean.Application.Ports;

namespace SmartcarClean.Infrastructure.Smartcar;

/// <summary>
/// Smartcar failing to answer as documented, as API errors with a sentence for the user: an answer in another shape
/// (broken JSON, a missing list or resource), or no answer at all (refused or dropped connection, timeout).
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
}
