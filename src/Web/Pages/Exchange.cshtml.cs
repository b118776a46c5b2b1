using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartcarClean.Application.Connect.HandleRedirect;
using SmartcarClean.Domain.Connect;
using SmartcarClean.Web.Security;

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

        var (title, message) = Explain(failure);
        return new JsonResult(new { connected = false, reason = failure.Reason.ToString(), title, message })
        {
            StatusCode = StatusCodes.Status400BadRequest,
        };
    }

    public (string Title, string Message) Explain(ConnectFailure failure) => failure.Reason switch
    {
        ConnectFailureReason.InvalidState => ("This sign-in link is not valid", failure.State switch
        {
            StateCheck.Missing => "The link back from Smartcar is incomplete.",
            StateCheck.Expired => "It took longer than 10 minutes to finish connecting, so the link has expired.",
            StateCheck.Reused => "This link has already been used.",
            _ => "This link was not started from this browser.",
        } + " Nothing was connected. Please start again."),
        ConnectFailureReason.ConnectError => failure.Error switch
        {
            ConnectError.AccessDenied => ("You did not allow access",
                "You chose not to share your car with this app, so nothing was connected. You can connect whenever you like."),
            ConnectError.VehicleIncompatible => ("Your car is not compatible",
                (failure.Vehicle is { } vehicle ? $"Smartcar cannot connect your {vehicle} yet." : "Smartcar cannot connect this car yet.")
                + " You can try another car."),
            ConnectError.InvalidSubscription => ("Your connected services subscription is not active",
                "Activate your car's connected services with its manufacturer, then connect again."),
            ConnectError.NoVehicles => ("No cars found",
                "Your connected services account has no cars. Add your car to the account, then connect again."),
            ConnectError.ConfigurationError => ("Smartcar reported a problem",
                (failure.ErrorMessage is { Length: > 0 } shown ? $"Connect said: \u201c{shown}\u201d " : "")
                + "Connect stopped because of a configuration problem. Please try again; if it keeps happening, contact us."),
            ConnectError.ServerError => ("Smartcar had a problem",
                "Smartcar could not finish connecting your car. Please try again in a few minutes."),
            _ => ("Connecting did not finish", "Smartcar ended the connection without connecting your car. Please try again."),
        },
        ConnectFailureReason.MissingCode => ("This sign-in link is not valid",
            "The link back from Smartcar has no authorization code. Nothing was connected. Please start again."),
        ConnectFailureReason.SmartcarUserNotConfirmed => ("We could not confirm who connected",
            "Smartcar could not confirm who connected. Nothing was connected. Please start again."),
        _ => ("We could not finish connecting your car",
            "Smartcar did not accept the sign-in. Nothing was connected. Please start again."),
    };
}
