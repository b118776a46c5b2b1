using FluentValidation;

namespace SmartcarClean.Application.Vehicles.RefreshVehicleReadings;

internal sealed class RefreshVehicleReadingsValidator : AbstractValidator<RefreshVehicleReadings>
{
    public RefreshVehicleReadingsValidator() =>
        RuleFor(c => c.VehicleId).NotEmpty().MaximumLength(128).Matches("^[A-Za-z0-9._~-]+$")
            .WithMessage("This is not a vehicle id Smartcar uses.");
}
