using SmartcarClean.Application.Options;
using SmartcarClean.Application.VehicleData;

namespace SmartcarClean.Infrastructure.Smartcar;

/// <summary>
/// Collects a vehicle list page by page within <see cref="SmartcarLimits"/>, trusting nothing the pages say about
/// themselves: duplicates are dropped, a page that brings no new vehicle stops the reading, and so do the caps on
/// vehicles and pages. Without these rules a broken or hostile answer kept the app calling Smartcar without end.
/// </summary>
internal sealed class VehicleIdPages(SmartcarLimits limits)
{
    private readonly List<string> _ids = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private int _pages;

    /// <summary>Adds one page; returns why the reading must stop here, or null to go on.</summary>
    public ListingCut? Add(IReadOnlyList<string?> pageIds)
    {
        _pages++;
        var anyNew = false;
        foreach (var id in pageIds.OfType<string>().Where(id => id.Length > 0 && _seen.Add(id)))
        {
            if (_ids.Count == limits.MaxVehicles)
            {
                return ListingCut.TooManyVehicles;
            }

            _ids.Add(id);
            anyNew = true;
        }

        return pageIds.Count > 0 && !anyNew ? ListingCut.NotAdvancing : null;
    }

    /// <summary>Asked before reading another page: why not to, or null when the caps allow it.</summary>
    public ListingCut? BeforeNextPage() =>
        _ids.Count >= limits.MaxVehicles ? ListingCut.TooManyVehicles
        : _pages >= limits.MaxPages ? ListingCut.TooManyPages
        : null;

    public VehicleIdList ToList(ListingCut? cutShort = null) => new([.. _ids], cutShort);
}
