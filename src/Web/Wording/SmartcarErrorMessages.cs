using System.Diagnostics;
using System.Globalization;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.VehicleData;

namespace SmartcarClean.Web.Wording;

/// <summary>
/// What to tell a person when Smartcar's part could not be shown or done: the Application gives the reason, this class
/// the sentence (for a Smartcar API error, by its documented type and code).
/// </summary>
public static class SmartcarErrorMessages
{
    public static string For(SmartcarProblem problem) => problem switch
    {
        SmartcarProblem.Refused refused => For(refused.Error),
        SmartcarProblem.NotAllowed notAllowed => ForMissingPermission(notAllowed.Permission),
        SmartcarProblem.ListCutShort cut => ForCutShort(cut.Cut, cut.Shown, cut.Limits),
        SmartcarProblem.PastDeadline late => PastDeadline(late.Deadline, late.Shown),
        SmartcarProblem.ApplicationNotAuthorized =>
            "This app could not sign in to Smartcar, so your cars cannot be shown right now. Please try again later.",
        _ => throw new UnreachableException($"No wording for {problem.GetType().Name}."),
    };

    // A 429 or 430 reads the same whether Smartcar just sent it or the app held the call back because Smartcar had
    // asked it to wait (the app's SmartcarCallGate): either way Smartcar's limit is why, and the wait is the one left.
    public static string For(SmartcarApiException error) => error.Type switch
    {
        "RATE_LIMIT" => $"Smartcar is limiting {(error.ErrorCode == "SMARTCAR_API" ? "this app's requests" : "requests")} right now. "
            + $"Please try again in {(error.RetryAfter is { } wait ? Describe(wait) : "a few minutes")}.",
        "BILLING" => ForBilling(error),
        "PERMISSION" => "You did not allow this app to do this for this car. Connect again and allow it.",
        "AUTHENTICATION" => "Access to this car has ended. Please connect it again.",
        "UPSTREAM" or "SERVER" => error.SuggestedUserMessage
            ?? "Smartcar or the car maker did not answer. Please try again in a few minutes.",
        _ => error.SuggestedUserMessage ?? error.Description ?? "Smartcar could not do this right now. Please try again later.",
    };

    // A 430: a limit of this app's Smartcar plan, which the car's owner cannot lift; Smartcar's documented way out is
    // the next month's allowance, or the app's operator asking Smartcar for a plan that allows more.
    private static string ForBilling(SmartcarApiException error) => error.ErrorCode switch
    {
        "VEHICLE_REQUEST_LIMIT" => "This car's monthly Smartcar allowance is used up, so it cannot be read or sent commands "
            + "until the allowance renews next month, or until this app's Smartcar plan allows more requests per car.",
        "INVALID_PLAN" => "This app's Smartcar plan does not include this feature.",
        "VEHICLE_LIMIT" => "This app has connected as many cars as its Smartcar plan allows. Please try again later.",
        "ACCOUNT_SUSPENDED" => "This app's Smartcar account is suspended. Please try again later.",
        _ => "This app's Smartcar plan does not allow this right now. Please try again later.",
    };

    // Why a vehicle list shows only this many cars: the app stopped reading Smartcar's pages.
    private static string ForCutShort(ListingCut cut, int shown, SmartcarLimits limits) => cut switch
    {
        ListingCut.TooManyVehicles => $"Smartcar's answer kept going past {limits.MaxVehicles} cars; showing the first {shown}.",
        ListingCut.TooManyPages => $"Smartcar's answer kept going past {limits.MaxPages} pages; {Showing(shown)}.",
        _ => $"Smartcar's answer went back over cars it had already sent; {Showing(shown)}.",
    };

    // The page's deadline ended the calls still waiting for Smartcar.
    private static string PastDeadline(TimeSpan deadline, int shown) =>
        $"Smartcar took longer than {Describe(deadline)} to answer; {Showing(shown)}.";

    // A PERMISSION error for something that needs this permission: what the user did not allow.
    private static string ForMissingPermission(string permission) =>
        $"You did not allow this app to {WhatItAllows(permission)}. Connect again and allow it.";

    private static string WhatItAllows(string permission) => permission switch
    {
        "read_vin" => "read this car's VIN",
        "read_odometer" => "read this car's odometer",
        "read_location" => "see where this car is",
        "read_fuel" => "read this car's fuel level",
        "read_battery" => "read this car's battery level",
        "read_charge" => "read this car's charging status",
        "read_security" => "see whether this car is locked",
        VehicleEndpoints.ControlSecurity => "lock and unlock this car",
        _ => $"use the permission {permission}",
    };

    private static string Showing(int cars) => cars switch
    {
        0 => "no car could be read. Please try again later",
        1 => "showing the 1 car read",
        _ => $"showing the {cars} cars read",
    };

    private static string Describe(TimeSpan wait) => wait.TotalSeconds < 90
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Ceiling(wait.TotalMinutes)} minutes");
}
