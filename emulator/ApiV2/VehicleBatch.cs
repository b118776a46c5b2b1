using System.Text.Json;
using SmartcarClean.Emulator.Http;
using SmartcarClean.Emulator.Steering.Faults;
using WireMock;

namespace SmartcarClean.Emulator.ApiV2;

/// <summary>
/// <c>POST /v2.0/vehicles/{id}/batch</c>: <c>{"requests":[{"path":"/odometer"},...]}</c> runs each path as a
/// GET and answers <c>{"responses":[{path, body, code, headers}]}</c>. Every sub-response has a headers
/// object (python indexes into it) and failing ones name their content-type (node reads it). A fault queued for a
/// path (e.g. <c>GET /v2.0/vehicles/*/odometer</c>) answers that path's sub-response, Retry-After included.
/// </summary>
internal static class VehicleBatch
{
    public static ResponseMessage Run(VehicleCall call, FaultQueue faults)
    {
        var (paths, error) = ReadPaths(call.Body);
        if (error is not null)
        {
            return error;
        }

        var now = call.World.Time.GetUtcNow();
        var responses = paths!.Select(path =>
        {
            // A queued fault answers first (and, as for whole calls, counts in no plan limit), then the plan's allowance.
            var reply = faults.TakeErrorFor("GET", $"/v2.0/vehicles/{call.Vehicle.Id}/{path.Trim('/')}") is { } fault
                ? FaultReplies.For(fault)
                : call.World.Plans.AdmitBatchPath(call.Grant.ClientId, call.Vehicle.Id)?.V2()
                    ?? VehicleEndpoints.Call(call, "GET", path.Trim('/'));
            var code = (int)reply.StatusCode!;
            using var body = JsonDocument.Parse(reply.BodyData!.BodyAsString!);
            var headers = code is >= 200 and < 300
                ? new Dictionary<string, string>(SmartcarHeaders.For(now, call.Units))
                : new Dictionary<string, string> { ["content-type"] = "application/json" };
            if (reply.Headers?.FirstOrDefault(h => h.Key.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)) is { Value: { } retryAfter })
            {
                headers["retry-after"] = retryAfter.ToString();
            }

            return new { path, body = body.RootElement.Clone(), code, headers };
        }).ToList();

        return HttpReplies.Json(200, new { responses });
    }

    private static (IReadOnlyList<string>? Paths, ResponseMessage? Error) ReadPaths(string? body)
    {
        try
        {
            using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("requests", out var requests))
            {
                return (null, V2Error.Validation("\"requests\" is required", "requests"));
            }

            if (requests.ValueKind != JsonValueKind.Array || requests.GetArrayLength() == 0)
            {
                return (null, V2Error.Validation("\"requests\" must be an array with at least 1 item", "requests"));
            }

            var paths = new List<string>();
            foreach (var request in requests.EnumerateArray())
            {
                var index = paths.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (request.ValueKind != JsonValueKind.Object || !request.TryGetProperty("path", out var path)
                    || path.ValueKind != JsonValueKind.String || !path.GetString()!.StartsWith('/'))
                {
                    return (null, V2Error.Validation($"\"requests[{index}].path\" must be a string starting with /", "requests", index, "path"));
                }

                paths.Add(path.GetString()!);
            }

            return (paths, null);
        }
        catch (JsonException)
        {
            return (null, V2Error.Validation("The request body is not valid JSON.", "body"));
        }
    }
}
