namespace SmartcarClean.Application.Ports;

/// <summary>A Smartcar API error, by its documented <c>type</c> and <c>code</c>.</summary>
public sealed class SmartcarApiException(int statusCode, string type, string? code, string? description)
    : Exception($"Smartcar API error {statusCode} {type}:{code} - {description}")
{
    /// <summary>Smartcar's own sentence for the end user, when it sends one.</summary>
    public string? SuggestedUserMessage { get; init; }

    /// <summary>From the <c>Retry-After</c> header of a rate limit.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public int StatusCode { get; } = statusCode;

    public string Type { get; } = type;

    public string? ErrorCode { get; } = code;

    public string? Description { get; } = description;

    /// <summary>What Smartcar says resolves the error: RETRY_LATER, REAUTHENTICATE, CONTACT_SUPPORT or null.</summary>
    public string? Resolution { get; init; }

    public bool IsAuthentication => Type == "AUTHENTICATION";

    public bool IsPermission => Type == "PERMISSION";

    /// <summary>
    /// Only a new Connect brings the connection back: its token was refused, or Smartcar's resolution is REAUTHENTICATE
    /// (e.g. the owner changed the car account's password). A PERMISSION error also says REAUTHENTICATE, but only for
    /// the one permission; everything else the connection allows still works, so it is not counted here.
    /// </summary>
    public bool RequiresReconnect => IsAuthentication || (Resolution == "REAUTHENTICATE" && !IsPermission);
}
