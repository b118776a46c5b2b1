using SmartcarClean.Acceptance.Runner;

namespace SmartcarClean.Acceptance.RunnerTests;

public enum DriveMode
{
    Eco,
    Sport,
}

[Binding]
public sealed class ExpressionSteps(Journal journal)
{
    [Given("the user has {int} cars")]
    public void GivenTheUserHasCars(int count) => journal.Add($"int {count}");

    [Given("a car named {string}")]
    public void GivenACarNamed(string name) => journal.Add($"string {name}");

    [Given("the colour {word}")]
    public void GivenTheColour(string colour) => journal.Add($"word {colour}");

    [When("the battery is at {float}")]
    public void WhenTheBatteryIsAt(decimal level) => journal.Add($"decimal {level.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    [When("the speed is {float}")]
    public void WhenTheSpeedIs(double speed) => journal.Add($"double {speed.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    [Then("the odometer reads {int}")]
    public void ThenTheOdometerReads(long kilometres) => journal.Add($"long {kilometres}");

    [Given(@"^I am (\d+) years old$")]
    public void GivenIAmYearsOld(int age) => journal.Add($"regex int {age}");

    [Then(@"the mode is (\w+)$")]
    public void ThenTheModeIs(DriveMode mode) => journal.Add($"enum {mode}");

    [Then(@"^charging is (true|false)")]
    public void ThenChargingIs(bool charging) => journal.Add($"bool {charging}");

    [Given("these vehicles:")]
    public void GivenTheseVehicles(DataTable vehicles)
    {
        journal.Add($"header {string.Join(",", vehicles.Header)}");
        foreach (var row in vehicles.Rows)
        {
            journal.Add($"row {row["make"]} {row["model"]}");
        }
    }

    [Then("the payload is:")]
    public void ThenThePayloadIs(string payload) => journal.Add($"doc {payload}");
}

public sealed class StepExpressionTests
{
    [Fact]
    public async Task Cucumber_expressions_convert_int_string_word_and_float_and_strip_quotes()
    {
        var journal = await Samples.RunAsync("Cucumber expressions", typeof(CommonSteps), typeof(ExpressionSteps));

        journal.Entries.ShouldBe([
            "background",
            "int 3",
            "string Model 3",
            "string Leaf",
            "word red",
            "decimal 0.85",
            "double -12.5",
            "long 120000",
        ]);
    }

    [Fact]
    public async Task Regular_expressions_are_anchored_and_convert_to_int_enum_and_bool()
    {
        var journal = await Samples.RunAsync("Regular expressions", typeof(CommonSteps), typeof(ExpressionSteps));

        journal.Entries.ShouldBe(["background", "regex int 42", "enum Sport", "bool True"]);
    }

    [Fact]
    public async Task A_data_table_and_a_doc_string_reach_the_trailing_parameter()
    {
        var journal = await Samples.RunAsync("Data table and doc string", typeof(CommonSteps), typeof(ExpressionSteps));

        journal.Entries.ShouldBe(["background", "header make,model", "row Tesla 3", "row BMW i3", "doc {\"id\": 1}"]);
    }

    [Theory]
    [InlineData("the user has {int} cars", "the user has 12 cars", "12")]
    [InlineData("the user has {int} cars", "the user has twelve cars", null)]
    [InlineData("a car named {string}", "a car named \"\"", "")]
    [InlineData(@"price \(in euros\) is {float}", "price (in euros) is .5", ".5")]
    [InlineData("exactly {int} request(s) arrived", "exactly 1 request arrived", "1")]
    [InlineData("exactly {int} request(s) arrived", "exactly 3 requests arrived", "3")]
    [InlineData("exactly {int} request(s) arrived", "exactly 3 requestz arrived", null)]
    [InlineData("a.b {word}", "axb x", null)]
    [InlineData(@"a \{literal} brace {int}", "a {literal} brace 7", "7")]
    public void Plain_text_is_matched_literally_and_whole(string expression, string text, string? captured)
    {
        var captures = StepExpression.Parse(expression).Match(text);

        if (captured is null)
        {
            captures.ShouldBeNull();
        }
        else
        {
            captures.ShouldBe([captured]);
        }
    }

    [Fact]
    public void An_unknown_parameter_type_is_reported_with_the_supported_ones()
    {
        var exception = Should.Throw<FormatException>(() => StepExpression.Parse("the car is {colour}"));

        exception.Message.ShouldContain("{colour}");
        exception.Message.ShouldContain("{int}");
    }
}
