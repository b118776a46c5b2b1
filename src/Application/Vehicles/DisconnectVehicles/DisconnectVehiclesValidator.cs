using FluentValidation;

namespace SmartcarClean.Application.Vehicles.DisconnectVehicles;

internal sealed class DisconnectVehiclesValidator : AbstractValidator<DisconnectVehicles>
{
    public DisconnectVehiclesValidator() =>
        RuleFor(c => c.VehicleId).MaximumLength(128).Matches("^[A-Za-z0-9._~-]+$")
            .WithMessage("This is not a vehicle id Smartcar uses.")
            .When(c => c.VehicleId is not null);
}
