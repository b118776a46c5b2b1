using System.Diagnostics;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Application.Vehicles.GetVehicleDetails;
using SmartcarClean.Application.Vehicles.RefreshVehicleReadings;
using SmartcarClean.Application.Vehicles.SetVehicleLock;
using SmartcarClean.Web.Wording;

namespace SmartcarClean.Web.Pages;

/// <summary>
/// One reading as shown: <see cref="RecordedAt"/> when the car recorded it and <see cref="Age"/> how long ago, in words
/// (or that it is not known);
/// <see cref="NotNewer"/>: why the stored value is shown; <see cref="MissingPermission"/>: Smartcar refused it for want
/// of this permission.
/// </summary>
public sealed record ReadingRow(
    string Label, string TestId, string Text, DateTimeOffset? RecordedAt, string? Age, string? NotNewer = null, string? MissingPermission = null);

/// <summary><c>/vehicles/{id}</c>: what the owner let the app see of one car, and Lock / Unlock.</summary>
public sealed class VehicleModel(ISender sender) : PageModel
{
    /// <summary>Null when the address was refused before the car was asked for (see the page's validation summary).</summary>
    public VehicleDetailsOutcome? Outcome { get; private set; }

    public VehicleDetails? Details => (Outcome as VehicleDetailsOutcome.Found)?.Details;

    /// <summary>The result of the last Lock or Unlock, carried across the redirect that follows the POST.</summary>
    [TempData]
    public string? CommandMessage { get; set; }

    /// <summary>The permission the last command lacked, carried across the same redirect.</summary>
    [TempData]
    public string? CommandMissingPermission { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Outcome = await sender.Send(new GetVehicleDetails(id), cancellationToken);
        if (Outcome is VehicleDetailsOutcome.NotFound)
        {
            return NotFound();
        }

        return Page();
    }

    public Task<IActionResult> OnPostLockAsync(string id, CancellationToken cancellationToken) => SetLockAsync(id, true, cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken cancellationToken) => SetLockAsync(id, false, cancellationToken);

    /// <summary>"Refresh now": the view it redirects to asks Smartcar afresh, unless it was asked less than a minute ago.</summary>
    public async Task<IActionResult> OnPostRefreshAsync(string id, CancellationToken cancellationToken)
    {
        var outcome = await sender.Send(new RefreshVehicleReadings(id), cancellationToken);
        if (outcome is RefreshVehicleReadingsOutcome.NotFound)
        {
            return NotFound();
        }

        CommandMessage = outcome is RefreshVehicleReadingsOutcome.TooSoon tooSoon ? ReadingWords.TooSoon(tooSoon) : null;
        return RedirectToPage(new { id });
    }

    /// <summary>The readings as the page shows them: one row each, with units and the time the car recorded it.</summary>
    public IReadOnlyList<ReadingRow> Rows => Details is not { } d ? [] : RowsOf(d);

    private static IReadOnlyList<ReadingRow> RowsOf(VehicleDetails d) =>
    [
        .. Row(d, "VIN", "vin", d.Vin, v => v.Vin),
        .. Row(d, "Odometer", "odometer", d.Odometer, (v, units) => Distance(v.Distance, units)),
        .. Row(d, "Location", "location", d.Location, v => Invariant($"{v.Latitude:F5}, {v.Longitude:F5}")),
        .. Row(d, "Fuel", "fuel", d.Fuel, (v, units) =>
            v.AmountRemaining is { } amount
                ? $"{Percent(v.PercentRemaining)} ({Volume(amount, units)}, range {Distance(v.Range, units)})"
                : $"{Percent(v.PercentRemaining)} (range {Distance(v.Range, units)})"),
        .. Row(d, "Battery", "battery", d.Battery, (v, units) => $"{Percent(v.PercentRemaining)} (range {Distance(v.Range, units)})"),
        .. Row(d, "Charging", "charge", d.Charge, v =>
            $"{(v.IsPluggedIn ? "Plugged in" : "Not plugged in")}, {v.State.Replace('_', ' ').ToLowerInvariant()}"),
        .. Row(d, "Doors", "lock-status", d.LockStatus, v => v.IsLocked ? "Locked" : "Unlocked"),
    ];

    /// <summary>A link to the car's position on a public map, when its location was read.</summary>
    public string? MapLink => Details?.Location is DataItem<Location>.Read { Reading.Value: var at }
        ? Invariant($"https://www.openstreetmap.org/?mlat={at.Latitude}&mlon={at.Longitude}#map=15/{at.Latitude}/{at.Longitude}")
        : null;

    private static IEnumerable<ReadingRow> Row<T>(VehicleDetails details, string label, string testId, DataItem<T>? item, Func<T, string> text) =>
        Row(details, label, testId, item, (value, _) => text(value));

    // Not permitted: no row at all. Stored but not newer: the value, its age and why. Never read: the reason instead.
    private static IEnumerable<ReadingRow> Row<T>(
        VehicleDetails details, string label, string testId, DataItem<T>? item, Func<T, string, string> text)
    {
        if (item is null)
        {
            yield break;
        }

        yield return item switch
        {
            DataItem<T>.Read { Reading: var reading } =>
                new ReadingRow(label, testId, text(reading.Value, reading.UnitSystem), reading.DataAge, Age(reading.DataAge, details.AsOf)),
            DataItem<T>.Stale { Reading: var reading, Problem: var problem } =>
                new ReadingRow(label, testId, text(reading.Value, reading.UnitSystem), reading.DataAge, Age(reading.DataAge, details.AsOf),
                    // The line above the readings already says why none is newer: not again on every row.
                    problem == details.NotFresher ? null : ReadingWords.NotNewer(problem), (problem as SmartcarProblem.NotAllowed)?.Permission),
            DataItem<T>.Failed { Problem: var problem } =>
                new ReadingRow(label, testId, SmartcarErrorMessages.For(problem), null, null, null, (problem as SmartcarProblem.NotAllowed)?.Permission),
            _ => throw new UnreachableException($"A reading is read, stale or failed, not {item.GetType().Name}."),
        };
    }

    /// <summary>Connect again for this car's brand, asking for the permission Smartcar said was missing.</summary>
    public string ReconnectFor(string permission) =>
        $"/login?permission={Uri.EscapeDataString(permission)}&make={Uri.EscapeDataString(Details?.Attributes.Make ?? "")}";

    private static string Distance(double value, string unitSystem) => Invariant($"{value:N0} {(unitSystem == "imperial" ? "mi" : "km")}");

    private static string Volume(double value, string unitSystem) => Invariant($"{value:N1} {(unitSystem == "imperial" ? "gal" : "L")}");

    private static string Percent(double fraction) => Invariant($"{fraction:P0}");

    private static string Age(DateTimeOffset? recorded, DateTimeOffset now) =>
        recorded is { } at ? ReadingWords.Ago(at, now) : "time of recording unknown";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private async Task<IActionResult> SetLockAsync(string id, bool locked, CancellationToken cancellationToken)
    {
        var outcome = await sender.Send(new SetVehicleLock(id, locked), cancellationToken);
        if (outcome is SetVehicleLockOutcome.NotFound)
        {
            return NotFound();
        }

        CommandMessage = CommandMessages.For(outcome);
        CommandMissingPermission = outcome is SetVehicleLockOutcome.Failed { Problem: SmartcarProblem.NotAllowed notAllowed }
            ? notAllowed.Permission
            : null;
        return RedirectToPage(new { id });
    }
}
