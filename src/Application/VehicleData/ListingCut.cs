using SmartcarClean.Application.Options;

namespace SmartcarClean.Application.VehicleData;

/// <summary>Why the app stopped reading Smartcar's pages of vehicles before Smartcar said they ended.</summary>
public enum ListingCut
{
    /// <summary>The pages went on past <see cref="SmartcarLimits.MaxVehicles"/> vehicles.</summary>
    TooManyVehicles,

    /// <summary>The pages went on past <see cref="SmartcarLimits.MaxPages"/> pages.</summary>
    TooManyPages,

    /// <summary>A page repeated vehicles already read, answered another offset, or linked back to a page already read.</summary>
    NotAdvancing,
}
