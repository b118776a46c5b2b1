namespace SmartcarClean.Emulator;

/// <summary>One request the emulator received, as WireMock logged it.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string? Body,
    int StatusCode);
