namespace SmartcarClean.Application.Options;

/// <summary>
/// How long a vehicle's stored readings are shown without asking Smartcar again (settings <c>Smartcar:Readings:*</c>).
/// Smartcar bills every call and counts each reading against the car's monthly allowance.
/// </summary>
public sealed class ReadingsOptions
{
    public const string Section = "Smartcar:Readings";

    /// <summary>Views within this time of Smartcar's last answer make no call (e.g. <c>00:05:00</c>).</summary>
    public TimeSpan FreshFor { get; set; } = TimeSpan.FromMinutes(5);

    public bool AreValid => FreshFor > TimeSpan.Zero && FreshFor <= TimeSpan.FromDays(1);
}
