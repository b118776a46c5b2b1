using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartcarClean.Application.Vehicles.GetVehicleAttributes;

namespace SmartcarClean.Web.Pages;

public sealed class VehiclesModel(ISender sender) : PageModel
{
    public VehicleOverview Overview { get; private set; } = new([]);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Overview = await sender.Send(new GetVehicleAttributes(), cancellationToken);
}
