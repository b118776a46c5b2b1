using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartcarClean.Application.Connect.HandleRedirect;
using SmartcarClean.Web.Services;
using SmartcarClean.Web.Wording;

namespace SmartcarClean.Web.Pages;

/// <summary>
/// <c>GET /exchange</c>: where Smartcar Connect sends the browser back. <c>POST /exchange</c> (with antiforgery): the
/// same, for Connect in a pop-up, whose result the home page's script received from the JavaScript SDK's redirect page
/// and posts here; it answers JSON so the page can show the outcome without leaving.
/// </summary>
[RateLimited(LimitedAction.Exchange)]
public sealed class ExchangeModel(ISender sender) : PageModel
{
    public ConnectFailure? Failure { get; private set; }

    public async Task<IActionResult> OnGetAsync(
        string? code,
        string? state,
        string? error,
        [FromQuery(Name = "error_description")] string? errorDescription,
        [FromQuery(Name = "error_message")] string? errorMessage,
        string? vin,
        string? make,
        string? model,
        string? year,
        [FromQuery(Name = "user_id")] string? userId,
        CancellationToken cancellationToken)
    {
        var redirect = new HandleRedirect(code, state, error, errorDescription)
        {
            Vehicle = new SharedVehicle(vin, make, model, year),
            ErrorMessage = errorMessage,
            UserId = userId,
        };
        var outcome = await sender.Send(redirect, cancellationToken);
        if (outcome.Succeeded)
        {
            // Redirect, so the code leaves the address bar and the history.
            return RedirectToPage("/Vehicles");
        }

        Failure = outcome.Failure;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        string? code,
        string? state,
        string? error,
        [FromForm(Name = "error_description")] string? errorDescription,
        string? vin,
        string? make,
        string? model,
        string? year,
        [FromForm(Name = "user_id")] string? userId,
        CancellationToken cancellationToken)
    {
        // The JavaScript SDK's message has no error_message: a configuration_error arrives without it.
        var redirect = new HandleRedirect(code, state, error, errorDescription)
        {
            Vehicle = new SharedVehicle(vin, make, model, year),
            UserId = userId,
        };
        var outcome = await sender.Send(redirect, cancellationToken);
        if (outcome.Failure is not { } failure)
        {
            return new JsonResult(new { connected = true, next = Url.Page("/Vehicles") });
        }

        var (title, message) = ConnectFailureMessages.Explain(failure);
        return new JsonResult(new { connected = false, reason = failure.Reason.ToString(), title, message })
        {
            StatusCode = StatusCodes.Status400BadRequest,
        };
    }
}
