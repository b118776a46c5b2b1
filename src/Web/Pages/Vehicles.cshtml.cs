using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartcarClean.Application.Vehicles.GetVehicleAttributes;

namespace SmartcarClean.Web.Pages;

public sealed class VehiclesModel(ISender sender) : PageModel
{
    public VehicleOverview Overview { get; private set; } = new([]);

    /// <summary>Set by the disconnect page before it redirects here.</summary>
    [TempData]
    public string? DisconnectMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Overview = await sender.Send(new GetVehicleAttributes(), cancellationToken);
}
