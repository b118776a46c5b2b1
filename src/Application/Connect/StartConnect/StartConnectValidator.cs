using FluentValidation;
using Microsoft.Extensions.Options;
using SmartcarClean.Application.Options;

namespace SmartcarClean.Application.Connect.StartConnect;

internal sealed class StartConnectValidator : AbstractValidator<StartConnect>
{
    public StartConnectValidator(IOptions<SmartcarOptions> options)
    {
        RuleFor(c => c.Make).MaximumLength(32).Matches("^[A-Za-z-]*$")
            .WithMessage("A brand is a single word such as TESLA.");
        RuleFor(c => c.SingleSelectVin).Matches("^[A-HJ-NPR-Za-hj-npr-z0-9]{17}$")
            .WithMessage("A VIN has 17 letters and digits (never I, O or Q).")
            .When(c => !string.IsNullOrEmpty(c.SingleSelectVin));
        RuleFor(c => c.Permission).Matches("^(read|control)_[a-z_]{2,40}$")
            .WithMessage("A permission is a Smartcar permission name such as control_security.")
            .When(c => c.Permission is not null);
        // Only the modes the configuration allows: on a live app, a user must not switch Connect to simulated cars.
        RuleFor(c => c.Mode).Must(mode => mode is null || options.Value.ModesToChooseFrom().Contains(mode))
            .WithMessage(_ => $"This app connects cars in {string.Join(" or ", options.Value.ModesToChooseFrom())} mode only.");
        RuleFor(c => c.InPopup).Must(_ => !string.IsNullOrEmpty(options.Value.PopupRedirectUri))
            .When(c => c.InPopup)
            .WithMessage("Connect in a pop-up is not set up here; connect in this window instead.");
    }
}
