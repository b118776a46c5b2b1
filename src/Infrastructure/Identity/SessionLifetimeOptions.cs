namespace SmartcarClean.Infrastructure.Identity;

/// <summary>
/// The <c>Accounts</c> settings. A session ends <see cref="AbsoluteSessionLifetime"/> after sign-in however often it is
/// used; the sign-in cookie's sliding expiry (14 days after the last visit) ends an idle one sooner.
/// </summary>
public sealed class SessionLifetimeOptions
{
    public const string Section = "Accounts";

    public TimeSpan AbsoluteSessionLifetime { get; set; } = TimeSpan.FromDays(30);
}
