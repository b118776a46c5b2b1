using SmartcarClean.Application.Connect.HandleRedirect;
using SmartcarClean.Domain.Connect;

namespace SmartcarClean.Web.Wording;

/// <summary>What the app tells a person whose Connect did not finish, by the reason HandleRedirect gives.</summary>
public static class ConnectFailureMessages
{
    public static (string Title, string Message) Explain(ConnectFailure failure) => failure.Reason switch
    {
        ConnectFailureReason.InvalidState => ("This sign-in link is not valid", failure.State switch
        {
            StateCheck.Missing => "The link back from Smartcar is incomplete.",
            StateCheck.Expired => "It took longer than 10 minutes to finish connecting, so the link has expired.",
            StateCheck.Reused => "This link has already been used.",
            _ => "This link was not started from this browser.",
        } + " Nothing was connected. Please start again."),
        ConnectFailureReason.ConnectError => failure.Error switch
        {
            ConnectError.AccessDenied => ("You did not allow access",
                "You chose not to share your car with this app, so nothing was connected. You can connect whenever you like."),
            ConnectError.VehicleIncompatible => ("Your car is not compatible",
                (failure.Vehicle is { } vehicle ? $"Smartcar cannot connect your {vehicle} yet." : "Smartcar cannot connect this car yet.")
                + " You can try another car."),
            ConnectError.InvalidSubscription => ("Your connected services subscription is not active",
                "Activate your car's connected services with its manufacturer, then connect again."),
            ConnectError.NoVehicles => ("No cars found",
                "Your connected services account has no cars. Add your car to the account, then connect again."),
            ConnectError.ConfigurationError => ("Smartcar reported a problem",
                (failure.ErrorMessage is { Length: > 0 } shown ? $"Connect said: \u201c{shown}\u201d " : "")
                + "Connect stopped because of a configuration problem. Please try again; if it keeps happening, contact us."),
            ConnectError.ServerError => ("Smartcar had a problem",
                "Smartcar could not finish connecting your car. Please try again in a few minutes."),
            _ => ("Connecting did not finish", "Smartcar ended the connection without connecting your car. Please try again."),
        },
        ConnectFailureReason.MissingCode => ("This sign-in link is not valid",
            "The link back from Smartcar has no authorization code. Nothing was connected. Please start again."),
        ConnectFailureReason.SmartcarUserNotConfirmed => ("We could not confirm who connected",
            "Smartcar could not confirm who connected. Nothing was connected. Please start again."),
        _ => ("We could not finish connecting your car",
            "Smartcar did not accept the sign-in. Nothing was connected. Please start again."),
    };
}
