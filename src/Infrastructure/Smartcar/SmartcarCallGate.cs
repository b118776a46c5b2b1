using System.Text.Json;

namespace SmartcarClean.Infrastructure.Smartcar;

/// <summary>
/// Smartcar's limits, kept by the app for all its users: a call Smartcar asked the app not to make yet is answered
/// at once with Smartcar's own refusal (429 or 430, with the wait left) and never sent; the others wait for one of
/// the instance's <see cref="SmartcarCallSlots"/>. A 429 or 430 answer is remembered in <see cref="SmartcarHolds"/>,
/// and a 429's <c>Retry-After</c> is rewritten to the bounded wait the app honours, so the user is told that one.
/// Sits inside the retry pipeline: each attempt is checked and takes a slot of its own.
/// </summary>
internal sealed class SmartcarCallGate(SmartcarHolds holds, SmartcarCallSlots slots, SmartcarCallMetrics metrics) : DelegatingHandler
{
    private const int RateLimited = 429;
    private const int Billing = 430;

    // Smartcar's code for a car past its plan's monthly request allowance; its other BILLING codes are not per car.
    private const string VehicleRequestLimit = "VEHICLE_REQUEST_LIMIT";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var vehicleId = SmartcarRoutes.VehicleIdIn(request.RequestUri);
        ThrowIfHeldBack(request, vehicleId);
        using var slot = await slots.TakeAsync(cancellationToken);
        // A 429 may have come in while this call waited for its slot.
        ThrowIfHeldBack(request, vehicleId);

        var response = await base.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        if (status is RateLimited or Billing)
        {
            var code = await ErrorCodeAsync(response, cancellationToken);
            if (status == RateLimited)
            {
                response.Headers.RetryAfter = new(holds.HoldForRateLimit(code, vehicleId, response.Headers.RetryAfter));
            }
            else if (code == VehicleRequestLimit && vehicleId is not null)
            {
                holds.HoldForBilling(vehicleId, code);
            }
        }

        return response;
    }

    private void ThrowIfHeldBack(HttpRequestMessage request, string? vehicleId)
    {
        if (holds.HeldBack(vehicleId) is { } refusal)
        {
            metrics.HeldBack(SmartcarRoutes.Template(request.Method, request.RequestUri), refusal.ErrorCode ?? refusal.Type);
            throw refusal;
        }
    }

    // The error's code: v2.0 keeps it at the top of the body, v3 in its first JSON:API error. The body is buffered,
    // so the client still reads it afterwards; one that is not such JSON has no code.
    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            var error = body.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("errors", out var errors) && errors is { ValueKind: JsonValueKind.Array } && errors.GetArrayLength() > 0
                ? errors[0]
                : body.RootElement;
            return error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
