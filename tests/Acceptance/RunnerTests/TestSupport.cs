using SmartcarClean.Acceptance.Runner;

namespace SmartcarClean.Acceptance.RunnerTests;

/// <summary>What the sample bindings did, in order; registered as a test-run service so a test can read it.</summary>
public sealed class Journal
{
    private readonly List<string> _entries = [];

    public IReadOnlyList<string> Entries => _entries;

    public void Add(string entry) => _entries.Add(entry);
}

/// <summary>A minimal test-run service provider: hands out the given instances by type.</summary>
public sealed class TestServices(params object[] instances) : IServiceProvider
{
    public object? GetService(Type serviceType) => instances.FirstOrDefault(serviceType.IsInstanceOfType);
}

internal static class Samples
{
    public static ScenarioCatalog Catalog => ScenarioCatalog.Load(Path.Combine(AppContext.BaseDirectory, "RunnerTests", "Samples"));

    public static ScenarioCase Scenario(string name) => Catalog.Scenarios.Single(scenario => scenario.ScenarioName == name);

    /// <summary>Runs one sample scenario with only the given binding classes and returns what they wrote.</summary>
    public static async Task<Journal> RunAsync(string scenarioName, params Type[] bindingTypes)
    {
        var journal = new Journal();
        await new ScenarioRunner(new StepRegistry(bindingTypes)).RunAsync(Scenario(scenarioName), new TestServices(journal));
        return journal;
    }
}

[Binding]
public sealed class CommonSteps(Journal journal)
{
    [Given("the journal is open")]
    public void GivenTheJournalIsOpen() => journal.Add("background");

    [Given("a step that passes")]
    public async Task GivenAStepThatPasses()
    {
        await Task.Yield();
        journal.Add("passes");
    }

    [When("a step that fails")]
    public void WhenAStepThatFails()
    {
        journal.Add("fails");
        throw new InvalidOperationException("The car did not answer.");
    }

    [Then("a step that is never run")]
    [Then("another step that is never run")]
    public void ThenAStepThatIsNeverRun() => journal.Add("never");
}
