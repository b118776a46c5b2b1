using FluentValidation;

namespace SmartcarClean.Application.Connect.LinkSmartcarUser;

internal sealed class LinkSmartcarUserValidator : AbstractValidator<LinkSmartcarUser>
{
    public LinkSmartcarUserValidator() =>
        // Smartcar's user ids are UUIDs; the room left is for other URL-safe ids, never for anything else.
        RuleFor(c => c.SmartcarUserId).NotEmpty().MaximumLength(128).Matches("^[A-Za-z0-9._~-]+$")
            .WithMessage("The Smartcar user id is not in the form Smartcar sends.");
}
