using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SmartcarClean.Web.Operations;

/// <summary>
/// Ready when Data Protection can protect a probe value and read it back: the key ring, wherever it is kept, has a
/// usable key (the tokens and the sign-in cookie need one).
/// </summary>
internal sealed class KeyRingHealthCheck(IDataProtectionProvider dataProtection) : IHealthCheck
{
    private const string Probe = "health probe";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var protector = dataProtection.CreateProtector("SmartcarClean.Health");
        try
        {
            return Task.FromResult(protector.Unprotect(protector.Protect(Probe)) == Probe
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The key ring read back another value."));
        }
        catch (CryptographicException e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The key ring cannot protect and read back a value.", e));
        }
    }
}
