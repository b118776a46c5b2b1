using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartcarClean.Application.Vehicles.DisconnectVehicles;
using SmartcarClean.Web.Wording;

namespace SmartcarClean.Web.Pages;

/// <summary>
/// <c>/vehicles/{id}/disconnect</c> and <c>/vehicles/disconnect-all</c>: a confirmation (GET), then the disconnect (POST).
/// </summary>
public sealed class DisconnectModel(ISender sender) : PageModel
{
    /// <summary>Null: every vehicle of the user.</summary>
    [FromRoute]
    public string? Id { get; set; }

    [TempData]
    public string? DisconnectMessage { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var outcome = await sender.Send(new DisconnectVehicles(Id), cancellationToken);
        if (outcome is DisconnectVehiclesOutcome.NotFound)
        {
            return NotFound();
        }

        DisconnectMessage = CommandMessages.For(outcome);
        return RedirectToPage("/Vehicles");
    }
}
