namespace SmartcarClean.Emulator.World;

/// <summary>The brands shown in Connect and a few real models per brand, so attributes look plausible.</summary>
public static class VehicleCatalog
{
    public sealed record Brand(string Make, string DisplayName, IReadOnlyList<(string Model, int Year)> Models);

    public static IReadOnlyList<Brand> Brands { get; } =
    [
        new("TESLA", "Tesla", [("Model 3", 2021), ("Model S", 2019), ("Model Y", 2022)]),
        new("CHEVROLET", "Chevrolet", [("Volt", 2018), ("Bolt EV", 2020)]),
        new("FORD", "Ford", [("Mustang Mach-E", 2021), ("F-150 Lightning", 2022)]),
        new("BMW", "BMW", [("i3", 2019), ("iX", 2022)]),
        new("TOYOTA", "Toyota", [("RAV4 Prime", 2021), ("Prius Prime", 2020)]),
        new("AUDI", "Audi", [("e-tron", 2020), ("Q4 e-tron", 2022)]),
        new("NISSAN", "Nissan", [("Leaf", 2019), ("Ariya", 2023)]),
        new("HYUNDAI", "Hyundai", [("Ioniq 5", 2022), ("Kona Electric", 2021)]),
    ];

    public static Brand? Find(string? make) =>
        Brands.FirstOrDefault(b => string.Equals(b.Make, make, StringComparison.OrdinalIgnoreCase));

    /// <summary>Builds the n-th vehicle of a user's garage: models cycle through the brand's catalog.</summary>
    public static Vehicle CreateVehicle(Brand brand, int index)
    {
        var (model, year) = brand.Models[index % brand.Models.Count];
        return new Vehicle(Guid.NewGuid().ToString(), brand.Make, model, year, CreateVin(brand.Make));
    }

    // Shaped like Smartcar's test VINs (e.g. 0SCAUDI037A5ADB1C): 17 characters, never I, O or Q.
    private static string CreateVin(string make)
    {
        var prefix = ("0SC" + make.PadRight(4, '0')[..4]).Replace('O', '0').Replace('I', '1').Replace('Q', '0');
        var suffix = Convert.ToHexString(Guid.NewGuid().ToByteArray())[..(17 - prefix.Length)];
        return prefix + suffix;
    }
}
