using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartcarClean.Web.Authentication;
using SmartcarClean.Web.Security;

namespace SmartcarClean.Web.Pages.Account;

[RateLimited(LimitedAction.SignIn, PostsOnly = true)]
public sealed class SignInModel(Accounts accounts) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    /// <summary>Where to go afterwards; followed only when it is a path on this site.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return this.Refused();
        }

        if (await accounts.SignInAsync(Input.Email, Input.Password))
        {
            return LocalRedirect(ReturnUrls.LocalOrHome(Url, ReturnUrl));
        }

        // One sentence for an unknown email, a wrong password and a locked account alike.
        ModelState.AddModelError(string.Empty,
            "The email or password is not right. After five wrong tries, signing in pauses for a few minutes.");
        return this.Refused();
    }

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [StringLength(256)]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(128)]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;
    }
}
