namespace SmartcarClean.Application.Telemetry;

/// <summary>The app's own meter: Smartcar calls, token refreshes, Connect outcomes.</summary>
public static class AppMeter
{
    public const string Name = "SmartcarClean";
}
