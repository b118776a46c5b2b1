using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartcarClean.Web.Authentication;
using SmartcarClean.Web.Security;

namespace SmartcarClean.Web.Pages.Account;

/// <summary>Changing the password keeps this browser signed in and signs every other one out.</summary>
[RateLimited(LimitedAction.ChangePassword, PostsOnly = true)]
public sealed class ChangePasswordModel(Accounts accounts) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    /// <summary>Set on the redirect after a change, to say it happened.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Changed { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return this.Refused();
        }

        var problems = await accounts.ChangePasswordAsync(Input.CurrentPassword, Input.Password);
        return problems.Count > 0 ? this.Refused(problems) : RedirectToPage(new { changed = true });
    }

    public sealed class ChangePasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [StringLength(128)]
        [DataType(DataType.Password)]
        public string CurrentPassword { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose a new password.")]
        [StringLength(128, MinimumLength = 8, ErrorMessage = "Use a password of 8 to 128 characters.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "Type the new password again.")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
        [DataType(DataType.Password)]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}
