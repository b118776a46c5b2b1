using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartcarClean.Application.Connect.StartConnect;
using SmartcarClean.Web.Security;

namespace SmartcarClean.Web.Pages;

/// <summary>
/// <c>GET /login</c>: starts Smartcar Connect, as in Smartcar's tutorial. The home page's Connect choices arrive as
/// query parameters; bad ones re-render this page with the errors instead of leaving for Connect. A vehicle page sends
/// <c>permission</c> (and the car's <c>make</c>) to connect again granting a permission Smartcar said was missing.
/// <c>POST /login</c> (the home page's script, with antiforgery): starts Connect in a pop-up and answers JSON, the
/// Connect URL for the pop-up, the state the page must see again and the only origin it may hear it from.
/// </summary>
[RateLimited(LimitedAction.StartConnect)]
public sealed class LoginModel(ISender sender) : PageModel
{
    public async Task<IActionResult> OnGetAsync(
        string? make, bool singleSelect, string? vin, bool forcePrompt, string? mode, string? permission, CancellationToken cancellationToken)
    {
        var start = new StartConnect(forcePrompt)
        {
            Make = make,
            SingleSelect = singleSelect,
            SingleSelectVin = vin,
            Mode = mode,
            Permission = permission,
        };
        return Redirect((await sender.Send(start, cancellationToken)).Url.AbsoluteUri);
    }

    public async Task<IActionResult> OnPostAsync(
        string? make, bool singleSelect, string? vin, bool forcePrompt, string? mode, CancellationToken cancellationToken)
    {
        var start = new StartConnect(forcePrompt) { Make = make, SingleSelect = singleSelect, SingleSelectVin = vin, Mode = mode, InPopup = true };
        var link = await sender.Send(start, cancellationToken);
        return new JsonResult(new { connectUrl = link.Url.AbsoluteUri, state = link.State, redirectPageOrigin = link.RedirectPageOrigin });
    }
}
