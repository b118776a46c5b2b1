using SmartcarClean.Emulator.ApiV2;
using WireMock;

namespace SmartcarClean.Emulator.Steering.Faults;

/// <summary>The v2 error bodies of injected faults, built by <see cref="V2Error"/>; all say "retry later".</summary>
internal static class FaultReplies
{
    private const string RetryLater = "RETRY_LATER";
    private const string TryLaterMessage = "Something went wrong. Please try again later.";

    public static ResponseMessage For(Fault fault) => fault.Kind switch
    {
        FaultKind.RateLimit => RateLimit(fault),
        FaultKind.Upstream => Create(502, "UPSTREAM", fault.Code!,
            "Smartcar received an error from the vehicle manufacturer. Please retry your request later.",
            "upstream-errors", TryLaterMessage),
        FaultKind.Server => Create(500, "SERVER", fault.Code!,
            "An internal Smartcar error has occurred. Our team has been notified and is working to resolve this issue.",
            "server-errors", TryLaterMessage),
        FaultKind.VehicleState => VehicleState(fault.Code!),
        FaultKind.Permission => V2Error.Permission(),
        _ => throw new ArgumentException($"{fault.Kind} has no error body.", nameof(fault)),
    };

    private static ResponseMessage RateLimit(Fault fault)
    {
        var reply = fault.Code == "SMARTCAR_API"
            ? Create(429, "RATE_LIMIT", "SMARTCAR_API",
                "Your application has exceeded its rate limit. Please retry your request in a few minutes.",
                "rate-limit-errors", TryLaterMessage)
            : Create(429, "RATE_LIMIT", "VEHICLE",
                "You have reached the throttling rate limit for this vehicle. Please see the retry-after header (seconds) for when to retry the request.",
                "rate-limit-errors", "Your vehicle is temporarily unable to respond. Please try again later.");
        reply.AddHeader("Retry-After", ((int)fault.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return reply;
    }

    private static ResponseMessage VehicleState(string code) => code switch
    {
        "ASLEEP" => Create(409, "VEHICLE_STATE", code,
            "The vehicle is in a sleep state and temporarily unable to perform your request.",
            "vehicle-state-errors", "Your vehicle is in a sleep state. This request was not sent to preserve battery life. "),
        "CHARGING_IN_PROGRESS" => Create(409, "VEHICLE_STATE", code,
            "The vehicle is currently charging and unable to perform your request.",
            "vehicle-state-errors", "Your vehicle is charging. Please try again later."),
        _ => Create(409, "VEHICLE_STATE", code,
            $"The vehicle is in a state that prevents it from performing your request ({code}).",
            "vehicle-state-errors", "Your vehicle cannot perform this request right now. Please try again later."),
    };

    private static ResponseMessage Create(int status, string type, string code, string description, string docPage, string userMessage) =>
        V2Error.Create(status, type, code, description, docPage, RetryLater, userMessage);
}
