using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace SmartcarClean.Infrastructure.Smartcar;

/// <summary>
/// Reads from Smartcar's API are retried a few times with backoff when the failure is passing: an upstream or
/// server error (5xx), a timeout, a dropped connection. A rate limit (429) is never retried here: the user is told
/// when to try again instead. Commands (POST, DELETE) are never retried, so a lock is never sent twice.
/// </summary>
internal static class SmartcarRetries
{
    public const int MaxRetries = 2;

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline)
    {
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            ShouldHandle = args => ValueTask.FromResult(IsRead(args.Context.GetRequestMessage()) && IsPassing(args.Outcome)),
        });
        pipeline.AddTimeout(TimeSpan.FromSeconds(30));
    }

    private static bool IsRead(HttpRequestMessage? request) => request?.Method == HttpMethod.Get;

    private static bool IsPassing(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutException } => true,
        { Result.StatusCode: var status } => (int)status >= 500 || status == HttpStatusCode.RequestTimeout,
        _ => false,
    };
}
