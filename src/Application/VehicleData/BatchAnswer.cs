using SmartcarClean.Application.Ports;

namespace SmartcarClean.Application.VehicleData;

/// <summary>One path's part of a batch answer (<c>POST /vehicles/{id}/batch</c>): its JSON body, or Smartcar's error.</summary>
public abstract record BatchAnswer
{
    private BatchAnswer()
    {
    }

    /// <summary><see cref="Json"/>: the body as Smartcar sent it; <see cref="DataAge"/>: its <c>sc-data-age</c>.</summary>
    public sealed record Read(string Json, DateTimeOffset? DataAge, string UnitSystem) : BatchAnswer;

    public sealed record Failed(SmartcarApiException Error) : BatchAnswer;
}
