using FluentValidation;

namespace SmartcarClean.Application.Connect.HandleRedirect;

/// <summary>Rejects what Smartcar would never send: over-long or oddly shaped values.</summary>
internal sealed class HandleRedirectValidator : AbstractValidator<HandleRedirect>
{
    // Codes and states are short URL-safe tokens (UUIDs and base64url); anything else is not from Connect.
    private const string UrlSafeToken = "^[A-Za-z0-9._~-]*$";

    public HandleRedirectValidator()
    {
        RuleFor(r => r.Code).MaximumLength(256).Matches(UrlSafeToken)
            .WithMessage("The authorization code is not in the form Smartcar sends.");
        RuleFor(r => r.State).MaximumLength(256)
            .WithMessage("The state is longer than any this app issues.");
        RuleFor(r => r.Error).MaximumLength(64).Matches("^[a-z_]*$")
            .WithMessage("The error code is not in the form Smartcar sends.");
        RuleFor(r => r.ErrorDescription).MaximumLength(1000);
    }
}
