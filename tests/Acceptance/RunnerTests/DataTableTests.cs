using SmartcarClean.Acceptance.Runner;

namespace SmartcarClean.Acceptance.RunnerTests;

public sealed record SampleVehicle(string Make, string Model, int Year, DriveMode Mode = DriveMode.Eco);

public sealed class SampleSettings
{
    public string? Units { get; set; }

    public int RetryAfterSeconds { get; set; }
}

public sealed class DataTableTests
{
    [Fact]
    public void CreateSet_makes_one_object_per_row_matching_columns_by_name_ignoring_case_and_spaces()
    {
        var table = Table(["Make", "model", "YEAR", "mode"], ["TESLA", "Model 3", "2021", "sport"], ["BMW", "i3", "2019", ""]);

        var vehicles = table.CreateSet<SampleVehicle>();

        vehicles.ShouldBe([new SampleVehicle("TESLA", "Model 3", 2021, DriveMode.Sport), new SampleVehicle("BMW", "i3", 2019, DriveMode.Eco)]);
    }

    [Fact]
    public void CreateInstance_reads_a_field_value_table_into_settable_properties()
    {
        var table = Table(["Field", "Value"], ["units", "metric"], ["retry after seconds", "30"]);

        var settings = table.CreateInstance<SampleSettings>();

        (settings.Units, settings.RetryAfterSeconds).ShouldBe(("metric", 30));
    }

    [Fact]
    public void CreateInstance_reads_a_table_of_one_row()
    {
        Table(["make", "model", "year"], ["FORD", "Mustang Mach-E", "2021"]).CreateInstance<SampleVehicle>()
            .ShouldBe(new SampleVehicle("FORD", "Mustang Mach-E", 2021));
    }

    [Fact]
    public void A_column_that_matches_nothing_or_a_value_that_does_not_convert_is_named()
    {
        Should.Throw<ArgumentException>(() => Table(["make", "colour"], ["FORD", "red"]).CreateSet<SampleVehicle>())
            .Message.ShouldContain("\"colour\" match no property of SampleVehicle");
        Should.Throw<FormatException>(() => Table(["make", "year"], ["FORD", "last year"]).CreateSet<SampleVehicle>())
            .Message.ShouldBe("Column \"year\": Cannot convert \"last year\" to Int32.");
    }

    private static DataTable Table(string[] header, params string[][] rows) => new(header, rows);
}
