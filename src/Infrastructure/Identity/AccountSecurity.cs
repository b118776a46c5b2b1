using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SmartcarClean.Infrastructure.Identity;

public static class AccountSecurity
{
    /// <summary>Server-side sign-in sessions with an absolute lifetime, and the refusal of the most common passwords.</summary>
    public static IdentityBuilder AddAccountSecurity(this IdentityBuilder identity)
    {
        identity.AddPasswordValidator<CommonPasswordValidator>();

        identity.Services.AddOptions<SessionLifetimeOptions>()
            .BindConfiguration(SessionLifetimeOptions.Section)
            .Validate(
                o => o.AbsoluteSessionLifetime > TimeSpan.Zero,
                "Accounts:AbsoluteSessionLifetime must be a positive duration, e.g. 30.00:00:00 for 30 days.")
            .ValidateOnStart();
        identity.Services.TryAddKeyedSingleton(UserSessionStore.ClockKey, TimeProvider.System);
        identity.Services.AddScoped<UserSessionStore>();
        return identity;
    }
}
