using FluentValidation;

namespace SmartcarClean.Application.Connect.LinkSmartcarUser;

internal sealed class LinkSmartcarUserValidator : AbstractValidator<LinkSmartcarUser>
{
    public LinkSmartcarUserValidator()
    {
        RuleFor(c => c.Code).NotEmpty().MaximumLength(256);
        RuleFor(c => c.RedirectUri)
            .Must(uri => uri is null || Uri.TryCreate(uri, UriKind.Absolute, out _))
            .WithMessage("The redirect URI must be an absolute URI.");
        // Smartcar's user ids are UUIDs; the room left is for other URL-safe ids, never for anything else.
        RuleFor(c => c.ClaimedUserId).MaximumLength(128).Matches("^[A-Za-z0-9._~-]*$")
            .WithMessage("The Smartcar user id is not in the form Smartcar sends.");
    }
}
