using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartcarClean.Application.Connect.StartConnect;

namespace SmartcarClean.Web.Pages;

/// <summary>
/// <c>GET /login</c>: starts Smartcar Connect, as in Smartcar's tutorial. The home page's Connect choices arrive as
/// query parameters; bad ones re-render this page with the errors instead of leaving for Connect.
/// </summary>
public sealed class LoginModel(ISender sender) : PageModel
{
    public async Task<IActionResult> OnGetAsync(
        string? make, bool singleSelect, string? vin, bool forcePrompt, string? mode, CancellationToken cancellationToken)
    {
        var start = new StartConnect(forcePrompt) { Make = make, SingleSelect = singleSelect, SingleSelectVin = vin, Mode = mode };
        return Redirect((await sender.Send(start, cancellationToken)).Url.AbsoluteUri);
    }
}
