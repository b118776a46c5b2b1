using SmartcarClean.Emulator.Http;
using WireMock;

namespace SmartcarClean.Emulator.ApiV3;

/// <summary>The v3 (JSON:API) error body: <c>{"errors":[{status, type, code, title, detail, links:{about}}]}</c>.</summary>
internal static class V3Error
{
    public static ResponseMessage Authentication() => Create(
        401, "AUTHENTICATION", "UNAUTHORIZED", "Unauthorized", "The Authorization token is missing or invalid.", "authentication-errors");

    public static ResponseMessage AccessDenied() => Create(
        403, "AUTHENTICATION", "ACCESS_DENIED", "Forbidden",
        "The given token does not provide access to the requested resource.", "authentication-errors");

    public static ResponseMessage MissingUserId() => Create(
        400, "VALIDATION", "MISSING_PARAMETER", "Bad Request", "missing userId: send the sc-user-id header.", "validation-errors");

    public static ResponseMessage InvalidParameter(string detail) => Create(
        400, "VALIDATION", "INVALID_PARAMETER", "Bad Request", detail, "validation-errors");

    public static ResponseMessage VehicleNotFound(string vehicleId) => NotFound("VEHICLE_NOT_FOUND", $"Vehicle with ID {vehicleId} not found.");

    public static ResponseMessage ConnectionNotFound(string connectionId) => NotFound("CONNECTION_NOT_FOUND", $"Connection with ID {connectionId} not found.");

    public static ResponseMessage UserNotFound(string userId) => NotFound("USER_NOT_FOUND", $"User with ID {userId} not found.");

    public static ResponseMessage SignalNotFound(string code) => NotFound("SIGNAL_NOT_FOUND", $"Signal {code} not found.");

    public static ResponseMessage InvalidPath(string path) => NotFound("INVALID_PATH", $"The path {path} does not exist.");

    /// <summary>429 RATE_LIMIT (SMARTCAR_API or VEHICLE) with a Retry-After header in seconds, as in v2.</summary>
    public static ResponseMessage RateLimit(string code, string retryAfterSeconds)
    {
        var reply = Create(
            429, "RATE_LIMIT", code, "Too Many Requests",
            code == "VEHICLE"
                ? "You have reached the throttling rate limit for this vehicle. Please see the retry-after header (seconds) for when to retry the request."
                : "Your application has exceeded its rate limit. Please retry your request in a few minutes.",
            "rate-limit-errors");
        reply.AddHeader("Retry-After", retryAfterSeconds);
        return reply;
    }

    /// <summary>430 BILLING / VEHICLE_REQUEST_LIMIT: the vehicle's monthly allowance is used up (430 has no standard title: the emulator's choice).</summary>
    public static ResponseMessage VehicleRequestLimit() => Create(
        430, "BILLING", "VEHICLE_REQUEST_LIMIT", "Vehicle Request Limit",
        "You have exceeded the number of API requests that are allowed for this vehicle in the current billing period. Please log into the Smartcar dashboard and visit the Billing tab to learn more.",
        "billing-errors");

    private static ResponseMessage NotFound(string code, string detail) =>
        Create(404, "RESOURCE_NOT_FOUND", code, "Not Found", detail, "resource-not-found-errors");

    private static ResponseMessage Create(int status, string type, string code, string title, string detail, string docPage) =>
        HttpReplies.Json(status, new
        {
            errors = new[]
            {
                new
                {
                    status = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    type,
                    code,
                    title,
                    detail,
                    links = new { about = $"https://smartcar.com/docs/errors/api-errors/{docPage}#{code.ToLowerInvariant()}" },
                },
            },
        });
}
