using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartcarClean.Application.Vehicles.DisconnectSmartcarAccount;
using SmartcarClean.Web.Wording;

namespace SmartcarClean.Web.Pages;

/// <summary>
/// <c>/vehicles/smartcar-accounts/{id}/disconnect</c> (server-side flow): a confirmation (GET), then removing the linked
/// Smartcar account with all its cars (POST, with antiforgery).
/// </summary>
public sealed class DisconnectSmartcarAccountModel(ISender sender) : PageModel
{
    /// <summary>The link between this app user and the Smartcar account, as the vehicles page lists it.</summary>
    [FromRoute]
    public Guid Id { get; set; }

    /// <summary>Shown by the vehicles page after the redirect.</summary>
    [TempData]
    public string? DisconnectMessage { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var outcome = await sender.Send(new DisconnectSmartcarAccount(Id), cancellationToken);
        switch (outcome)
        {
            case DisconnectSmartcarAccountOutcome.NotFound:
                return NotFound();
            case DisconnectSmartcarAccountOutcome.Failed:
                // Smartcar could not remove the account: nothing changed, so the user can try again from here.
                ModelState.AddModelError(string.Empty, CommandMessages.For(outcome));
                return Page();
        }

        DisconnectMessage = CommandMessages.For(outcome);
        return RedirectToPage("/Vehicles");
    }
}
