using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.VehicleData;

namespace SmartcarClean.Infrastructure.Smartcar;

/// <summary>
/// <c>POST /v2.0/vehicles/{id}/batch</c>: several readings in one call, each answered with its own code, body and
/// headers. A batch is a read, so a path that fails in passing (5xx) is asked again like a failing GET
/// (<see cref="SmartcarRetries"/>): only the paths still failing, in a batch of their own.
/// </summary>
internal sealed partial class SmartcarApiClient
{
    private static readonly TimeSpan BatchRetryDelay = TimeSpan.FromMilliseconds(200);

    public async Task<IReadOnlyDictionary<string, BatchAnswer>> ReadBatchAsync(
        string accessToken, string vehicleId, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var answers = new Dictionary<string, BatchAnswer>();
        IReadOnlyList<string> asking = paths;
        for (var attempt = 0; ; attempt++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBaseUrl, VehiclePath(vehicleId, "batch")))
            {
                Content = JsonContent.Create(new { requests = asking.Select(path => new { path = "/" + path }) }),
            };
            var batch = (await SendAsync<BatchResponse>(request, accessToken, cancellationToken)).Value;
            foreach (var item in batch.Responses ?? throw SmartcarAnswers.Unreadable())
            {
                if (item.Path?.TrimStart('/') is { } path && asking.Contains(path))
                {
                    answers[path] = Answer(item);
                }
            }

            asking = [.. asking.Where(path => answers.GetValueOrDefault(path) is BatchAnswer.Failed { Error.StatusCode: >= 500 })];
            if (asking.Count == 0 || attempt == SmartcarRetries.MaxRetries)
            {
                // A path Smartcar left out of its answer is an answer in another shape than documented.
                return paths.ToDictionary(path => path, path => answers.GetValueOrDefault(path)
                    ?? new BatchAnswer.Failed(SmartcarAnswers.Unreadable()));
            }

            await Task.Delay(BatchRetryDelay * (attempt + 1), cancellationToken);
        }
    }

    private static BatchAnswer Answer(BatchItem item)
    {
        var headers = item.Headers ?? [];
        if (item.Code is >= 200 and < 300 && item.Body is { ValueKind: JsonValueKind.Object } body)
        {
            var dataAge = headers.GetValueOrDefault("sc-data-age") is { } age
                && DateTimeOffset.TryParse(age, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var recorded)
                ? recorded
                : (DateTimeOffset?)null;
            return new BatchAnswer.Read(body.GetRawText(), dataAge, headers.GetValueOrDefault("sc-unit-system") ?? "metric");
        }

        if (item.Code is >= 200 and < 300)
        {
            return new BatchAnswer.Failed(SmartcarAnswers.Unreadable(item.Code));
        }

        var error = Error(item.Body);
        var retryAfter = headers.GetValueOrDefault("retry-after") is { } seconds
            && int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var wait)
            ? TimeSpan.FromSeconds(wait)
            : (TimeSpan?)null;
        return new BatchAnswer.Failed(new SmartcarApiException(item.Code, error?.Type ?? "UNKNOWN", error?.Code, error?.Description)
        {
            SuggestedUserMessage = error?.SuggestedUserMessage,
            RetryAfter = retryAfter,
            Resolution = SmartcarResolution.Read(error?.Resolution),
        });
    }

    private static SmartcarError? Error(JsonElement? body)
    {
        try
        {
            return body is { ValueKind: JsonValueKind.Object } json ? json.Deserialize<SmartcarError>(JsonSerializerOptions.Web) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record BatchResponse(IReadOnlyList<BatchItem>? Responses);

    // Header names compared in any case: Smartcar documents them lower-case, HTTP does not care.
    private sealed record BatchItem(string? Path, int Code, JsonElement? Body, Dictionary<string, string>? Headers)
    {
        public Dictionary<string, string>? Headers { get; init; } =
            Headers is null ? null : new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase);
    }
}
