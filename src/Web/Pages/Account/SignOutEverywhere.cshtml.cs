using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartcarClean.Web.Authentication;

namespace SmartcarClean.Web.Pages.Account;

/// <summary>Ends every session of the user, this browser's included: a POST with an antiforgery token; a GET offers the button.</summary>
public sealed class SignOutEverywhereModel(Accounts accounts) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await accounts.SignOutEverywhereAsync();
        return LocalRedirect("/");
    }
}
