using SmartcarClean.Emulator.Http;

namespace SmartcarClean.Emulator.ApiV2;

/// <summary>The v2.0 API error body; every field is present (code may be null) because SDKs require them.</summary>
internal static partial class V2Error
{
    public static WireMock.ResponseMessage Authentication() => Create(
        401, "AUTHENTICATION", null,
        "The authorization header is missing or malformed, or it contains invalid or expired authentication credentials. Please check for missing parameters, spelling and casing mistakes, and other syntax issues.",
        "authentication-errors", "REAUTHENTICATE",
        "Your session has expired. Please reconnect your vehicle.");

    public static WireMock.ResponseMessage Permission() => Create(
        403, "PERMISSION", null,
        "Your application has insufficient permissions to access the requested resource. Please prompt the user to re-authenticate using Smartcar Connect.",
        "permission-errors", "REAUTHENTICATE",
        "Your vehicle is not connected to this application. Please reconnect your vehicle.");

    public static WireMock.ResponseMessage PathNotFound() => Create(
        404, "RESOURCE_NOT_FOUND", "PATH",
        "The requested resource does not exist. Please check the URL and try again.",
        "resource-not-found-errors", null,
        "Something went wrong. Please try again later.");

    public static WireMock.ResponseMessage InvalidParameter() => Create(
        400, "VALIDATION", "PARAMETER",
        "Your request is formatted correctly, but one or more of the provided parameters is incorrect.",
        "validation-errors", null,
        "Something went wrong. Please try again later.");

    /// <summary>The one place the v2 error body is built (also for injected faults).</summary>
    internal static WireMock.ResponseMessage Create(
        int status, string type, string? code, string description, string docPage, string? resolution, string userMessage,
        IReadOnlyList<V2ErrorDetail>? detail = null)
    {
        var requestId = Guid.NewGuid().ToString();
        var body = new Dictionary<string, object?>
        {
            ["type"] = type,
            ["code"] = code,
            ["description"] = description,
            ["docURL"] = $"https://smartcar.com/docs/errors/api-errors/{docPage}#{(code ?? "null").ToLowerInvariant()}",
            ["statusCode"] = status,
            ["requestId"] = requestId,
            ["resolution"] = new { type = resolution },
            ["suggestedUserMessage"] = userMessage,
        };
        if (detail is not null)
        {
            body["detail"] = detail; // only validation errors carry it
        }

        return HttpReplies.Json(status, body, requestId);
    }
}
