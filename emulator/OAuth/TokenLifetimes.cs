namespace SmartcarClean.Emulator.OAuth;

/// <summary>The lifetimes the world uses, validated once when the emulator starts.</summary>
public sealed record TokenLifetimes(
    TimeSpan Code, TimeSpan AccessToken, TimeSpan RefreshToken, TimeSpan RefreshGracePeriod, TimeSpan ApplicationToken)
{
    /// <summary>The ones Smartcar documents: codes 10 minutes, access 2 hours, refresh 60 days (usable 60 s after
    /// first use), application tokens 1 hour.</summary>
    public static TokenLifetimes Default { get; } = new(
        TimeSpan.FromMinutes(10),
        TimeSpan.FromHours(2),
        TimeSpan.FromDays(60),
        TimeSpan.FromSeconds(60),
        TimeSpan.FromHours(1));

    public static TokenLifetimes From(EmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequirePositive(options.CodeLifetime, nameof(options.CodeLifetime));
        RequirePositive(options.AccessTokenLifetime, nameof(options.AccessTokenLifetime));
        RequirePositive(options.RefreshTokenLifetime, nameof(options.RefreshTokenLifetime));
        RequirePositive(options.ApplicationTokenLifetime, nameof(options.ApplicationTokenLifetime));
        if (options.RefreshGracePeriod < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RefreshGracePeriod, "RefreshGracePeriod must not be negative.");
        }

        return new(options.CodeLifetime, options.AccessTokenLifetime, options.RefreshTokenLifetime,
            options.RefreshGracePeriod, options.ApplicationTokenLifetime);
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        // expires_in is whole seconds, so anything under a second would be announced as 0.
        if (value < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least one second.");
        }
    }
}
