using SmartcarClean.Emulator.Applications;
using SmartcarClean.Emulator.OAuth;
using SmartcarClean.Emulator.Plans;

namespace SmartcarClean.Emulator;

/// <summary>How an emulator starts: its port, its registered applications, WireMock's admin API, the token lifetimes and the plan's limits.</summary>
public sealed class EmulatorOptions
{
    /// <summary>0 picks a free port.</summary>
    public int Port { get; set; }

    public IList<RegisteredApplication> Applications { get; } = new List<RegisteredApplication>();

    /// <summary>
    /// Turns on WireMock's own <c>/__admin</c> API (mappings, raw request log), for debugging only: anything on the
    /// machine can then add a mapping, including one that serves a local file, and read unmasked secrets. Off by default.
    /// </summary>
    public bool EnableWireMockAdmin { get; set; }

    // Token lifetimes; the defaults are the ones Smartcar documents.

    /// <summary>How long an authorization code can be exchanged (default 10 minutes).</summary>
    public TimeSpan CodeLifetime { get; set; } = TokenLifetimes.Default.Code;

    /// <summary>Access token lifetime, also the token response's <c>expires_in</c> (default 7200 s).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TokenLifetimes.Default.AccessToken;

    /// <summary>Refresh token lifetime (default 60 days).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TokenLifetimes.Default.RefreshToken;

    /// <summary>How long a used refresh token keeps working after its first use (default 60 s).</summary>
    public TimeSpan RefreshGracePeriod { get; set; } = TokenLifetimes.Default.RefreshGracePeriod;

    /// <summary>Lifetime of a client_credentials application token from <c>/oauth2/token</c> (default 3600 s).</summary>
    public TimeSpan ApplicationTokenLifetime { get; set; } = TokenLifetimes.Default.ApplicationToken;

    // The plan's limits (Plan); each is off unless set, and can be changed at run time (SmartcarEmulator.SetPlan).

    /// <summary>Requests each vehicle may take per application in a UTC calendar month; beyond it 430 BILLING (off by default).</summary>
    public int? VehicleRequestsPerMonth { get; set; }

    /// <summary>The application's bucket of requests; empty, 429 RATE_LIMIT / SMARTCAR_API (off by default).</summary>
    public int? ApplicationRequestBucket { get; set; }

    /// <summary>One request comes back into the bucket every this long (default 30 s: Smartcar's 2 a minute).</summary>
    public TimeSpan ApplicationBucketRefill { get; set; } = Plan.DefaultBucketRefill;

    /// <summary>Requests one vehicle may take per <see cref="VehicleThrottleWindow"/>; beyond, 429 RATE_LIMIT / VEHICLE (off by default).</summary>
    public int? VehicleRequestsPerWindow { get; set; }

    /// <summary>The per-vehicle throttle's window (default 1 minute), starting at the window's first request.</summary>
    public TimeSpan VehicleThrottleWindow { get; set; } = Plan.DefaultThrottleWindow;
}
