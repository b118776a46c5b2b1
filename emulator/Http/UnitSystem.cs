using WireMock;

namespace SmartcarClean.Emulator.Http;

/// <summary>The <c>sc-unit-system</c> a client asks for: metric (the default) or imperial.</summary>
internal sealed record UnitSystem(string Name)
{
    public const string Header = "sc-unit-system";

    public static readonly UnitSystem Metric = new("metric");
    public static readonly UnitSystem Imperial = new("imperial");

    private const double MilesPerKm = 0.621371;
    private const double UsGallonsPerLiter = 0.264172;
    private const double PsiPerKpa = 0.145038;

    private bool IsImperial => this == Imperial;

    /// <summary>The request's <c>sc-unit-system</c>: metric when it sends none; null when it names neither system.</summary>
    public static UnitSystem? Of(IRequestMessage request) => FromHeader(request.Header(Header));

    private static UnitSystem? FromHeader(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "metric" => Metric,
        "imperial" => Imperial,
        _ => null,
    };

    /// <summary>Kilometres or miles.</summary>
    public double Distance(double km) => Math.Round(IsImperial ? km * MilesPerKm : km, 1);

    /// <summary>Litres or US gallons.</summary>
    public double Volume(double liters) => Math.Round(IsImperial ? liters * UsGallonsPerLiter : liters, 1);

    /// <summary>Kilopascals or psi.</summary>
    public double Pressure(double kpa) => Math.Round(IsImperial ? kpa * PsiPerKpa : kpa, 1);

    public string DistanceUnit => IsImperial ? "miles" : "km";

    public override string ToString() => Name;
}
