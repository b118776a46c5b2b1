using SmartcarClean.Emulator.Http;
using SmartcarClean.Emulator.Steering;
using SmartcarClean.Emulator.Steering.Faults;
using SmartcarClean.Emulator.World;
using WireMock;

namespace SmartcarClean.Emulator;

/// <summary>Steering the emulator from tests: the same operations the /_emulator admin API offers.</summary>
public sealed partial class SmartcarEmulator
{
    public const string SteeringPathPrefix = "/_emulator";
    public const string HealthPath = "/health";

    private readonly FaultQueue _faults;

    /// <summary>The world's clock: the TimeProvider the emulator started with, plus whatever was advanced.</summary>
    public AdjustableClock Clock { get; }

    public IReadOnlyList<PendingFault> PendingFaults => _faults.Pending;

    /// <summary>Moves the world's clock forward, so codes and tokens expire without waiting.</summary>
    public void AdvanceClock(TimeSpan by) => Clock.Advance(by);

    /// <summary>Pre-creates a user: a later Connect login with this email gets exactly these vehicles.</summary>
    public SmartcarUser SeedUser(string email, params SeededVehicle[] vehicles) => World.SeedUser(email, vehicles);

    /// <summary>The access token then fails with 401 on the API; a refresh token fails at /oauth/token.</summary>
    public void ExpireToken(string token) => Require(World.ExpireToken(token), token);

    public void RevokeToken(string token) => Require(World.RevokeToken(token), token);

    /// <summary>Disconnects the application from the user: every token of the Connect approval behind <paramref name="token"/> stops working.</summary>
    public void RevokeGrant(string token) => Require(World.RevokeGrant(token), token);

    /// <summary>
    /// The next <paramref name="times"/> requests matching <paramref name="method"/> (or *) and
    /// <paramref name="pathPattern"/> (* is a wildcard), and the vehicle when given, get <paramref name="fault"/>.
    /// </summary>
    public PendingFault FailNext(string method, string pathPattern, Fault fault, string? vehicleId = null, int times = 1) =>
        _faults.Add(method, pathPattern, fault, vehicleId, times);

    public void ClearFaults() => _faults.Clear();

    private static void Require(bool found, string token)
    {
        if (!found)
        {
            throw new ArgumentException($"No access or refresh token {Masked(token)} is known.", nameof(token));
        }
    }

    /// <summary>Tokens are secrets even here: pages and messages show only the last four characters.</summary>
    internal static string Masked(string? token) =>
        token is null ? "" : token.Length <= 4 ? new string('*', token.Length) : "…" + token[^4..];

    private static bool IsSteering(IRequestMessage request) =>
        request.Path.StartsWith(SteeringPathPrefix, StringComparison.Ordinal)
        || request.Path == HealthPath
        || request.Header(FaultQueue.ReplayHeader) is not null;
}
