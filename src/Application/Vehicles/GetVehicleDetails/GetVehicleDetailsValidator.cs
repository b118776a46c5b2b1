using FluentValidation;

namespace SmartcarClean.Application.Vehicles.GetVehicleDetails;

internal sealed class GetVehicleDetailsValidator : AbstractValidator<GetVehicleDetails>
{
    public GetVehicleDetailsValidator() =>
        RuleFor(q => q.VehicleId).NotEmpty().MaximumLength(128).Matches("^[A-Za-z0-9._~-]+$")
            .WithMessage("This is not a vehicle id Smartcar uses.");
}
