using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SmartcarClean.Web.Pipeline;

/// <summary>
/// The one place invalid input becomes a page: a handler's validation errors are added to ModelState and the page
/// renders them with status 400, instead of an exception reaching the user as a 500. A script that asked for JSON
/// gets the same errors as JSON, <c>{"errors": [...]}</c>, with status 400.
/// </summary>
public sealed class ValidationExceptionFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is ValidationException validation)
        {
            foreach (var error in validation.Errors)
            {
                executed.ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            }

            executed.Result = WantsJson(context.HttpContext.Request)
                ? new JsonResult(new { errors = validation.Errors.Select(e => e.ErrorMessage).Distinct() }) { StatusCode = StatusCodes.Status400BadRequest }
                : new PageResult { StatusCode = StatusCodes.Status400BadRequest };
            executed.ExceptionHandled = true;
        }
    }

    private static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.Any(accept => accept?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);
}
