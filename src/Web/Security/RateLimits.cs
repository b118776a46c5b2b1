using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace SmartcarClean.Web.Security;

/// <summary>The actions someone could repeat to guess passwords, create accounts, fill the database or load Smartcar.</summary>
public enum LimitedAction
{
    SignIn,
    Register,
    ChangePassword,
    StartConnect,
    Exchange,
}

/// <summary>Marks a page whose requests count against the limit of <see cref="Action"/> (see <see cref="RateLimits"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RateLimitedAttribute(LimitedAction action) : Attribute
{
    public LimitedAction Action => action;

    /// <summary>Only form posts count: opening the form again and again costs nothing.</summary>
    public bool PostsOnly { get; init; }
}

/// <summary>One limit: requests per window from one client address and, for a signed-in user, from that user.</summary>
public sealed class RateLimit
{
    public int PerAddress { get; set; }

    /// <summary>None: the request is made before signing in, so only the address counts.</summary>
    public int? PerUser { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The <c>RateLimits</c> settings. The defaults leave real users, even many behind one office address, alone.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public RateLimit SignIn { get; set; } = new() { PerAddress = 20 };

    public RateLimit Register { get; set; } = new() { PerAddress = 10, Window = TimeSpan.FromHours(1) };

    public RateLimit ChangePassword { get; set; } = new() { PerAddress = 20, PerUser = 10, Window = TimeSpan.FromMinutes(15) };

    public RateLimit StartConnect { get; set; } = new() { PerAddress = 60, PerUser = 10 };

    public RateLimit Exchange { get; set; } = new() { PerAddress = 60, PerUser = 10 };

    public RateLimit For(LimitedAction action) => action switch
    {
        LimitedAction.SignIn => SignIn,
        LimitedAction.Register => Register,
        LimitedAction.ChangePassword => ChangePassword,
        LimitedAction.StartConnect => StartConnect,
        LimitedAction.Exchange => Exchange,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "An action with no limit of its own."),
    };
}

/// <summary>
/// ASP.NET Core's rate limiter on the pages marked <see cref="RateLimitedAttribute"/>: a fixed window per client
/// address and, when signed in, per user as well (both must allow the request). Over the limit the answer is 429 with
/// <c>Retry-After</c>: the error page's sentence for a browser, JSON for the home page's script.
/// </summary>
public static class RateLimits
{
    public const string TooManyTitle = "Too many attempts";

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, limits) =>
        {
            // The user first: a request over the user's own limit takes nothing from the address, so one user cannot use
            // up the allowance of everyone behind the same address (an office, a mobile network). The other way round
            // costs more: the middleware asks twice before refusing, and each ask took an address permit (measured).
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => PerUser(context, limits.Value)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => PerAddress(context, limits.Value)));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, cancellationToken) => AnswerTooManyAsync(rejected.HttpContext, rejected.Lease, cancellationToken);
        });
        return services;
    }

    /// <summary>The sentence a user reads: what happened and how long to wait.</summary>
    public static string Explain(TimeSpan wait) =>
        $"You tried this too many times in a short while. Please wait {Describe(wait)}, then try again.";

    /// <summary>
    /// The client's address as the partition key. An IPv6 client gets a whole /64, as one household or server does, so
    /// walking through its addresses gains nothing.
    /// </summary>
    public static string ClientAddress(IPAddress? address) => address switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } => address.MapToIPv4().ToString(),
        { AddressFamily: AddressFamily.InterNetworkV6 } => $"{Prefix64(address)}/64",
        _ => address.ToString(),
    };

    private static IPAddress Prefix64(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, RateLimitOptions limits) =>
        Limited(context) is { } action
            ? FixedWindow($"{action} address {ClientAddress(context.Connection.RemoteIpAddress)}", limits.For(action).PerAddress, limits.For(action).Window)
            : RateLimitPartition.GetNoLimiter(string.Empty);

    private static RateLimitPartition<string> PerUser(HttpContext context, RateLimitOptions limits) =>
        Limited(context) is { } action
            && limits.For(action).PerUser is { } permits
            && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            ? FixedWindow($"{action} user {userId}", permits, limits.For(action).Window)
            : RateLimitPartition.GetNoLimiter(string.Empty);

    private static LimitedAction? Limited(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>() is { } limited
        && (!limited.PostsOnly || HttpMethods.IsPost(context.Request.Method))
            ? limited.Action
            : null;

    private static RateLimitPartition<string> FixedWindow(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });

    // A browser gets no body here: the status code page (/Error?status=429) explains, reading Retry-After. The home
    // page's script asks for JSON and shows the title and message in the page.
    private static async ValueTask AnswerTooManyAsync(HttpContext context, RateLimitLease lease, CancellationToken cancellationToken)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await context.Response.WriteAsJsonAsync(
                new { title = TooManyTitle, message = Explain(TimeSpan.FromSeconds(seconds)), reason = "TooManyRequests" }, cancellationToken);
        }
    }

    private static string Describe(TimeSpan wait) => wait switch
    {
        { TotalSeconds: < 60 } => "less than a minute",
        { TotalMinutes: <= 1 } => "a minute",
        { TotalMinutes: < 60 } => string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(wait.TotalMinutes)} minutes"),
        { TotalHours: <= 1 } => "an hour",
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(wait.TotalHours)} hours"),
    };
}

/// <summary>Checked at start-up: a limit no request could ever meet would refuse everyone, so the app names it and stops.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        foreach (var action in Enum.GetValues<LimitedAction>())
        {
            var limit = options.For(action);
            var setting = $"{RateLimitOptions.Section}:{action}";
            if (limit.PerAddress < 1)
            {
                failures.Add($"{setting}:PerAddress must be at least 1.");
            }

            if (limit.PerUser < 1)
            {
                failures.Add($"{setting}:PerUser must be at least 1, or left out for no limit per user.");
            }

            if (limit.Window <= TimeSpan.Zero)
            {
                failures.Add($"{setting}:Window must be longer than zero, e.g. 00:01:00.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
