namespace SmartcarClean.Emulator;

/// <summary>Token lifetimes; the defaults are the ones Smartcar documents.</summary>
public sealed partial class EmulatorOptions
{
    /// <summary>How long an authorization code can be exchanged (default 10 minutes).</summary>
    public TimeSpan CodeLifetime { get; set; } = SmartcarWorld.CodeLifetime;

    /// <summary>Access token lifetime, also the token response's <c>expires_in</c> (default 7200 s).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = SmartcarWorld.AccessTokenLifetime;

    /// <summary>Refresh token lifetime (default 60 days).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = SmartcarWorld.RefreshTokenLifetime;

    /// <summary>How long a used refresh token keeps working after its first use (default 60 s).</summary>
    public TimeSpan RefreshGracePeriod { get; set; } = SmartcarWorld.RefreshGracePeriod;

    /// <summary>Lifetime of a client_credentials application token from <c>/oauth2/token</c> (default 3600 s).</summary>
    public TimeSpan ApplicationTokenLifetime { get; set; } = TokenLifetimes.DefaultApplicationTokenLifetime;
}

/// <summary>The lifetimes the world uses, validated once when the emulator starts.</summary>
public sealed record TokenLifetimes(
    TimeSpan Code, TimeSpan AccessToken, TimeSpan RefreshToken, TimeSpan RefreshGracePeriod, TimeSpan ApplicationToken)
{
    public static readonly TimeSpan DefaultApplicationTokenLifetime = TimeSpan.FromHours(1);

    public static TokenLifetimes Default { get; } = new(
        SmartcarWorld.CodeLifetime,
        SmartcarWorld.AccessTokenLifetime,
        SmartcarWorld.RefreshTokenLifetime,
        SmartcarWorld.RefreshGracePeriod,
        DefaultApplicationTokenLifetime);

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
