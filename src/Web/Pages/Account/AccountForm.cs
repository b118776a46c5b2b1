using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartcarClean.Web.Authentication;

namespace SmartcarClean.Web.Pages.Account;

/// <summary>How an account page answers a form it refuses: the same page with status 400, showing the errors.</summary>
internal static class AccountForm
{
    /// <summary>
    /// The form again, with its fields' own errors and each account problem under the field it concerns (every account
    /// page binds its fields as <c>Input</c>).
    /// </summary>
    public static PageResult Refused(this PageModel page, IEnumerable<AccountProblem>? problems = null)
    {
        foreach (var problem in problems ?? [])
        {
            page.ModelState.AddModelError($"Input.{problem.Field}", problem.Message);
        }

        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }
}
