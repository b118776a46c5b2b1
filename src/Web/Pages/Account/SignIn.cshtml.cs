using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartcarClean.Web.Services;

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
            return Invalid();
        }

        switch (await accounts.SignInAsync(Input.Email, Input.Password))
        {
            case SignInOutcome.SignedIn:
                return LocalRedirect(ReturnUrls.LocalOrHome(Url, ReturnUrl));
            case SignInOutcome.LockedOut:
                ModelState.AddModelError(string.Empty, "Too many failed attempts. Please wait a few minutes, then try again.");
                return Invalid();
            default:
                ModelState.AddModelError(string.Empty, "The email or password is not right.");
                return Invalid();
        }
    }

    private static PageResult Invalid() => new() { StatusCode = StatusCodes.Status400BadRequest };

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
