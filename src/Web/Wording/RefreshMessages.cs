using SmartcarClean.Application.Vehicles.RefreshVehicleAttributes;

namespace SmartcarClean.Web.Wording;

/// <summary>What the vehicle list says after "Refresh", and about cars whose make, model and year are not read yet.</summary>
public static class RefreshMessages
{
    public const string Refreshed = "Make, model and year were read again from Smartcar.";

    public const string NotReadYet = "not read yet";

    /// <summary>One sentence per thing that failed, after what was done.</summary>
    public static IReadOnlyList<string> For(RefreshVehicleAttributesOutcome outcome)
    {
        if (outcome.Complete)
        {
            return [Refreshed];
        }

        var failures = outcome.Problems.Select(SmartcarErrorMessages.For).Distinct().ToList();
        if (outcome.ReconnectNeeded > 0)
        {
            failures.Add(outcome.ReconnectNeeded == 1
                ? "Access to the cars of one connection has ended: please connect them again."
                : $"Access to the cars of {outcome.ReconnectNeeded} connections has ended: please connect them again.");
        }

        return ["Not every car could be read again; the list shows what was read before.", .. failures];
    }

    /// <summary>Under a connection whose cars are not all described: why, and what helps.</summary>
    public static string NotRead(int cars) => cars == 1
        ? "The make, model and year of 1 car could not be read yet. Press Refresh to try again."
        : $"The make, model and year of {cars} cars could not be read yet. Press Refresh to try again.";

    public const string NotListedYet = "Smartcar did not list the cars of this account yet. Press Refresh to try again.";
}
