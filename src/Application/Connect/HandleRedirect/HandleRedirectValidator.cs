using FluentValidation;

namespace SmartcarClean.Application.Connect.HandleRedirect;

/// <summary>Rejects what Smartcar would never send: over-long or oddly shaped values.</summary>
internal sealed class HandleRedirectValidator : AbstractValidator<HandleRedirect>
{
    // Codes and states are short URL-safe tokens (UUIDs and base64url); anything else is not from Connect.
    private const string UrlSafeToken = "^[A-Za-z0-9._~-]*$";

    private static string NotFromSmartcar(string what) => $"The {what} is not in the form Smartcar sends.";

    public HandleRedirectValidator()
    {
        RuleFor(r => r.Code)
            .MaximumLength(256).WithMessage(NotFromSmartcar("authorization code"))
            .Matches(UrlSafeToken).WithMessage(NotFromSmartcar("authorization code"));
        RuleFor(r => r.UserId)
            .MaximumLength(128).WithMessage(NotFromSmartcar("user id"))
            .Matches(UrlSafeToken).WithMessage(NotFromSmartcar("user id"));
        RuleFor(r => r.State)
            .MaximumLength(256).WithMessage("The state is longer than any this app issues.");
        RuleFor(r => r.Error)
            .MaximumLength(64).WithMessage(NotFromSmartcar("error code"))
            .Matches("^[a-z_]*$").WithMessage(NotFromSmartcar("error code"));
        RuleFor(r => r.ErrorDescription)
            .MaximumLength(1000).WithMessage(NotFromSmartcar("error description"));
        RuleFor(r => r.ErrorMessage)
            .MaximumLength(1000).WithMessage(NotFromSmartcar("error message"));
        RuleFor(r => r.Vehicle!.Vin).MaximumLength(17).Matches("^[A-Za-z0-9]*$").WithMessage(NotFromSmartcar("VIN"))
            .When(r => r.Vehicle is not null);
        RuleFor(r => r.Vehicle!.Make).MaximumLength(64).WithMessage(NotFromSmartcar("make")).When(r => r.Vehicle is not null);
        RuleFor(r => r.Vehicle!.Model).MaximumLength(64).WithMessage(NotFromSmartcar("model")).When(r => r.Vehicle is not null);
        RuleFor(r => r.Vehicle!.Year).Matches("^[0-9]{0,4}$").WithMessage(NotFromSmartcar("year")).When(r => r.Vehicle is not null);
    }
}
