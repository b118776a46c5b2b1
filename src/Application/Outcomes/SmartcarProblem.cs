using SmartcarClean.Application.Options;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.VehicleData;

namespace SmartcarClean.Application.Outcomes;

/// <summary>
/// Why Smartcar's part could not be shown or done this time: a reason, which the web layer puts into words. One of the
/// cases below and nothing else.
/// </summary>
public abstract record SmartcarProblem
{
    private SmartcarProblem()
    {
    }

    /// <summary>Smartcar answered with an error (a rate limit, an outage, no answer at all), by its documented type.</summary>
    public sealed record Refused(SmartcarApiException Error) : SmartcarProblem;

    /// <summary>The user did not allow this permission, so Smartcar refused; a new Connect can ask for it.</summary>
    public sealed record NotAllowed(string Permission) : SmartcarProblem;

    /// <summary>The app stopped reading Smartcar's pages of vehicles early (<see cref="Cut"/>); <see cref="Shown"/> were read.</summary>
    public sealed record ListCutShort(ListingCut Cut, int Shown, SmartcarLimits Limits) : SmartcarProblem;

    /// <summary>The page's deadline ended the calls still waiting for Smartcar; <see cref="Shown"/> cars were read.</summary>
    public sealed record PastDeadline(TimeSpan Deadline, int Shown) : SmartcarProblem;

    /// <summary>Smartcar refused the app's own credentials (client_credentials): nothing the user can mend.</summary>
    public sealed record ApplicationNotAuthorized : SmartcarProblem;
}
