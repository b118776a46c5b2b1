using FluentValidation;

namespace SmartcarClean.Application.Vehicles.SetVehicleLock;

internal sealed class SetVehicleLockValidator : AbstractValidator<SetVehicleLock>
{
    public SetVehicleLockValidator() =>
        RuleFor(c => c.VehicleId).NotEmpty().MaximumLength(128).Matches("^[A-Za-z0-9._~-]+$")
            .WithMessage("This is not a vehicle id Smartcar uses.");
}
