using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartcarClean.Application.Connect.StartConnect;

namespace SmartcarClean.Web.Pages;

/// <summary><c>GET /login</c>: starts Smartcar Connect, as in Smartcar's tutorial.</summary>
public sealed class LoginModel(ISender sender) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        Redirect((await sender.Send(new StartConnect(), cancellationToken)).AbsoluteUri);
}
