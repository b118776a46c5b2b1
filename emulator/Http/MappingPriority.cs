namespace SmartcarClean.Emulator.Http;

/// <summary>
/// The order in which the emulator's WireMock mappings match a request: WireMock answers with the lowest number.
/// Steering comes first so it can never be faulted, queued faults next (so they work on any route), then QA's own
/// mappings (WireMock's default, 0), then Smartcar's endpoints, and last the 404 for anything else.
/// </summary>
internal static class MappingPriority
{
    public const int Steering = -2_000_000_000;

    /// <summary>The first queued fault; later ones get higher numbers, so faults are used first-in, first-out.</summary>
    public const int FirstFault = -1_000_000_000;

    public const int Endpoint = 1;

    public const int NoRoute = 1000;
}
