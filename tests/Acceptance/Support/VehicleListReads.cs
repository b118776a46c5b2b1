using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.Support;

/// <summary>How many times Smartcar was asked for the vehicle list (GET /v2.0/vehicles) since a scenario started counting.</summary>
public sealed class VehicleListReads(SmartcarEmulator smartcar)
{
    private int _before;

    public int Counted => Count() - _before;

    public void StartCounting() => _before = Count();

    private int Count() => smartcar.Requests.Count(r => r.Method == "GET" && r.Path == "/v2.0/vehicles");
}
