using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartcarClean.Web.Authentication;

namespace SmartcarClean.Web.Pages.Account;

/// <summary>Signing out is a POST with an antiforgery token (Razor Pages checks it); a GET only offers the button.</summary>
public sealed class SignOutModel(Accounts accounts) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await accounts.SignOutAsync();
        return LocalRedirect("/");
    }
}
