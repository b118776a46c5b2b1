using FluentValidation;

namespace SmartcarClean.Application.Connect.ExchangeCode;

internal sealed class ExchangeCodeValidator : AbstractValidator<ExchangeCode>
{
    public ExchangeCodeValidator()
    {
        RuleFor(c => c.Code).NotEmpty().MaximumLength(256);
        RuleFor(c => c.RedirectUri)
            .Must(uri => uri is null || Uri.TryCreate(uri, UriKind.Absolute, out _))
            .WithMessage("The redirect URI must be an absolute URI.");
    }
}
