using FluentValidation;

namespace SmartcarClean.Application.Connect.HandleRedirect;

/// <summary>Checked by each step before the code goes to Smartcar, whoever called the step.</summary>
internal sealed class AuthorizationCodeValidator : AbstractValidator<AuthorizationCode>
{
    public AuthorizationCodeValidator()
    {
        RuleFor(c => c.Code).NotEmpty().MaximumLength(256);
        RuleFor(c => c.RedirectUri)
            .Must(uri => uri is null || Uri.TryCreate(uri, UriKind.Absolute, out _))
            .WithMessage("The redirect URI must be an absolute URI.");
    }
}
