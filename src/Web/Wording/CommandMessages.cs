using System.Diagnostics;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.Vehicles.DisconnectSmartcarAccount;
using SmartcarClean.Application.Vehicles.DisconnectVehicles;
using SmartcarClean.Application.Vehicles.SetVehicleLock;

namespace SmartcarClean.Web.Wording;

/// <summary>What the app tells a person after Lock, Unlock or a disconnect, by the outcome the Application gives.</summary>
public static class CommandMessages
{
    public static string For(SetVehicleLockOutcome outcome) => outcome switch
    {
        SetVehicleLockOutcome.Sent { Locked: true } => "Your car was asked to lock.",
        SetVehicleLockOutcome.Sent => "Your car was asked to unlock.",
        SetVehicleLockOutcome.NotFound => NotOneOfYourVehicles,
        SetVehicleLockOutcome.ReconnectNeeded { Refusal: { } refusal } => SmartcarErrorMessages.For(refusal),
        SetVehicleLockOutcome.ReconnectNeeded => "Access to this car has ended. Please connect it again.",
        SetVehicleLockOutcome.Failed failed => SmartcarErrorMessages.For(failed.Problem),
        _ => throw Unworded(outcome),
    };

    public static string For(DisconnectVehiclesOutcome outcome) => outcome switch
    {
        DisconnectVehiclesOutcome.Disconnected done => Disconnected(done.Cars, done.ForgottenHereOnly),
        DisconnectVehiclesOutcome.NotFound => NotOneOfYourVehicles,
        DisconnectVehiclesOutcome.Stopped stopped => NotDisconnected(stopped.CarsDisconnected, stopped.Problem),
        _ => throw Unworded(outcome),
    };

    public static string For(DisconnectSmartcarAccountOutcome outcome) => outcome switch
    {
        DisconnectSmartcarAccountOutcome.Disconnected => "The Smartcar account and its cars were disconnected.",
        DisconnectSmartcarAccountOutcome.NotFound => "This is not one of your Smartcar accounts.",
        DisconnectSmartcarAccountOutcome.Failed { Problem: SmartcarProblem.ApplicationNotAuthorized } =>
            "This app could not sign in to Smartcar, so nothing was disconnected. Please try again later.",
        DisconnectSmartcarAccountOutcome.Failed failed => SmartcarErrorMessages.For(failed.Problem),
        _ => throw Unworded(outcome),
    };

    private const string NotOneOfYourVehicles = "This is not one of your vehicles.";

    private static string Disconnected(int cars, int forgottenHereOnly) => (cars, forgottenHereOnly) switch
    {
        (1, 1) => $"Your car was removed from this app only: {NotToldWhy(1)}",
        (1, _) => "Your car was disconnected.",
        (_, 0) => $"{cars} cars were disconnected.",
        (_, 1) => $"{cars} cars were disconnected. 1 of them was removed from this app only: {NotToldWhy(1)}",
        _ => $"{cars} cars were disconnected. {forgottenHereOnly} of them were removed from this app only: {NotToldWhy(forgottenHereOnly)}",
    };

    private static string NotToldWhy(int cars) =>
        $"the app could no longer read its stored access to {(cars == 1 ? "it" : "them")}, so Smartcar was not asked to end that access.";

    private static string NotDisconnected(int disconnected, SmartcarProblem problem) => disconnected switch
    {
        0 => $"Nothing was disconnected. {SmartcarErrorMessages.For(problem)}",
        1 => $"1 car was disconnected, the others were not. {SmartcarErrorMessages.For(problem)}",
        _ => $"{disconnected} cars were disconnected, the others were not. {SmartcarErrorMessages.For(problem)}",
    };

    private static UnreachableException Unworded(object outcome) => new($"No wording for {outcome.GetType().Name}.");
}
