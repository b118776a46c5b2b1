using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartcarClean.Web.Security;

namespace SmartcarClean.Web.Pages;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    /// <summary>For a 429: how long to wait, from the rate limiter's Retry-After, in a sentence.</summary>
    public string? TooManyExplanation { get; private set; }

    public void OnGet(int? status)
    {
        Status = status ?? StatusCodes.Status500InternalServerError;
        if (Status == StatusCodes.Status429TooManyRequests)
        {
            var seconds = int.TryParse(Response.Headers.RetryAfter, out var retryAfter) ? retryAfter : 60;
            TooManyExplanation = RateLimits.Explain(TimeSpan.FromSeconds(seconds));
        }
    }

    // A refused form post is shown again as a post; it gets the same page.
    public void OnPost(int? status) => OnGet(status);
}
