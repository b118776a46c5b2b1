using SmartcarClean.Application.Common;

namespace SmartcarClean.Infrastructure.Smartcar;

/// <summary>An answer from Smartcar that is not in the shape it documents (broken JSON, a missing list): an API error.</summary>
internal static class SmartcarAnswers
{
    public static SmartcarApiException Unreadable(int statusCode = 200) =>
        new(statusCode, "SDK_ERROR", "UNREADABLE_ANSWER", "Smartcar's answer could not be read. Please try again later.");
}
