using SmartcarClean.Emulator.World;

namespace SmartcarClean.Emulator.Connect;

/// <summary>A user's walk through the Connect pages; it ends at Allow or Deny.</summary>
public sealed class ConnectSession(string id, ConnectRequest request)
{
    public string Id { get; } = id;

    public ConnectRequest Request { get; } = request;

    public string? Make { get; set; } = request.Make;

    public SmartcarUser? User { get; set; }

    /// <summary>What Allow will grant, worked out at sign-in; shown on the permissions page.</summary>
    public Grant? PendingGrant { get; set; }
}
