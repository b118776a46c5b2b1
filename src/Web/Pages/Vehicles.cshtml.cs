using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartcarClean.Application.Vehicles.GetVehicleAttributes;
using SmartcarClean.Application.Vehicles.RefreshVehicleAttributes;
using SmartcarClean.Web.Wording;

namespace SmartcarClean.Web.Pages;

public sealed class VehiclesModel(ISender sender) : PageModel
{
    public VehicleOverview Overview { get; private set; } = new([]);

    /// <summary>Set by the disconnect page before it redirects here.</summary>
    [TempData]
    public string? DisconnectMessage { get; set; }

    /// <summary>What "Refresh" did and what failed, set before it redirects here.</summary>
    [TempData]
    public string[]? RefreshResult { get; set; }

    /// <summary>Shows what is stored: no call to Smartcar.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Overview = await sender.Send(new GetVehicleAttributes(), cancellationToken);

    /// <summary>Reads every car's make, model and year again (a POST, never on a plain view), then shows the list.</summary>
    public async Task<IActionResult> OnPostRefreshAsync(CancellationToken cancellationToken)
    {
        var outcome = await sender.Send(new RefreshVehicleAttributes(), cancellationToken);
        RefreshResult = [.. RefreshMessages.For(outcome)];
        return RedirectToPage();
    }
}
