using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartcarClean.Application.Connect.HandleRedirect;
using SmartcarClean.Web.Security;
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

    public async Task<IActionResult> OnGetAsync(ConnectRedirect redirect, CancellationToken cancellationToken)
    {
        var outcome = await sender.Send(redirect.ToRequest(), cancellationToken);
        if (outcome.Succeeded)
        {
            // Redirect, so the code leaves the address bar and the history.
            return RedirectToPage("/Vehicles");
        }

        Failure = outcome.Failure;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(ConnectRedirect redirect, CancellationToken cancellationToken)
    {
        // The JavaScript SDK's message has no error_message: a configuration_error arrives without it.
        var outcome = await sender.Send(redirect.ToRequest() with { ErrorMessage = null }, cancellationToken);
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

/// <summary>
/// What Connect's redirect carries (<c>GET</c>, in the query) or the pop-up's script posts (<c>POST</c>, as a form),
/// under Smartcar's names.
/// </summary>
public sealed record ConnectRedirect
{
    public string? Code { get; init; }

    public string? State { get; init; }

    public string? Error { get; init; }

    [BindProperty(Name = "error_description")]
    public string? ErrorDescription { get; init; }

    [BindProperty(Name = "error_message")]
    public string? ErrorMessage { get; init; }

    /// <summary>The vehicle a user may share with <c>vehicle_incompatible</c>.</summary>
    public string? Vin { get; init; }

    public string? Make { get; init; }

    public string? Model { get; init; }

    public string? Year { get; init; }

    [BindProperty(Name = "user_id")]
    public string? UserId { get; init; }

    public HandleRedirect ToRequest() => new(Code, State, Error, ErrorDescription)
    {
        Vehicle = new SharedVehicle(Vin, Make, Model, Year),
        ErrorMessage = ErrorMessage,
        UserId = UserId,
    };
}
