using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace SmartcarClean.Acceptance.Runner;

/// <summary>
/// A [Theory] over <see cref="ScenarioCase"/> rows: each row is a test case named "Feature: Scenario", with one
/// <c>Category</c> trait per tag (so <c>dotnet test --filter Category=smoke</c> picks tags); rows with a
/// <see cref="ScenarioCase.SkipReason"/> (@wip, @ignore) are reported as skipped, with the reason, instead of being run.
/// </summary>
/// <remarks>xUnit finds the discoverer by type and assembly name: update both if the runner moves.</remarks>
[XunitTestCaseDiscoverer("SmartcarClean.Acceptance.Runner.ScenarioTheoryDiscoverer", "SmartcarClean.Acceptance")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScenarioTheoryAttribute : TheoryAttribute
{
    /// <summary>For a worker that may have no scenarios to run (the other workers have them all): no "No data found" error.</summary>
    public bool MayHaveNoScenarios { get; set; }
}

/// <summary>Found by name through <see cref="ScenarioTheoryAttribute"/>.</summary>
public sealed class ScenarioTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        ArgumentNullException.ThrowIfNull(theoryAttribute);
        var testCases = base.Discover(discoveryOptions, testMethod, theoryAttribute);
        return theoryAttribute.GetNamedArgument<bool>(nameof(ScenarioTheoryAttribute.MayHaveNoScenarios))
            ? testCases.Where(testCase => !(testCase is ExecutionErrorTestCase error && error.ErrorMessage.StartsWith("No data found", StringComparison.Ordinal)))
            : testCases;
    }

    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        return dataRow switch
        {
            [ScenarioCase { SkipReason: { } reason }] => [new SkippedScenarioTestCase(DiagnosticMessageSink, display, displayOptions, testMethod, reason, dataRow)],
            [ScenarioCase] => [new ScenarioTestCase(DiagnosticMessageSink, display, displayOptions, testMethod, dataRow)],
            _ => base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow),
        };
    }
}

/// <summary>One scenario: named "Feature: Scenario", one Category trait per tag.</summary>
public sealed class ScenarioTestCase : XunitTestCase
{
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ScenarioTestCase()
    {
    }

    public ScenarioTestCase(
        IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod, object[] row)
        : base(diagnosticMessageSink, display, displayOptions, testMethod, row)
    {
    }

    protected override void Initialize()
    {
        base.Initialize();
        ScenarioTraits.Add(this);
    }

    protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName) =>
        TestMethodArguments is [ScenarioCase scenario] ? scenario.ToString() : base.GetDisplayName(factAttribute, displayName);
}

/// <summary>A @wip or @ignore scenario: reported as skipped with its reason, and listed as skipped in the reports.</summary>
public sealed class SkippedScenarioTestCase : XunitSkippedDataRowTestCase
{
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedScenarioTestCase()
    {
    }

    public SkippedScenarioTestCase(
        IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod, string reason, object[] row)
        : base(diagnosticMessageSink, display, displayOptions, testMethod, reason, row)
    {
    }

    public override Task<RunSummary> RunAsync(
        IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
    {
        if (TestMethodArguments is [ScenarioCase scenario])
        {
            TestRunResults.RecordSkipped(scenario);
        }

        return base.RunAsync(diagnosticMessageSink, messageBus, constructorArguments, aggregator, cancellationTokenSource);
    }

    protected override void Initialize()
    {
        base.Initialize();
        ScenarioTraits.Add(this);
    }

    protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName) =>
        TestMethodArguments is [ScenarioCase scenario] ? scenario.ToString() : base.GetDisplayName(factAttribute, displayName);
}

internal static class ScenarioTraits
{
    public const string Category = "Category";

    /// <summary>A "Category" trait per tag, and "Feature" with the feature's name.</summary>
    public static void Add(XunitTestCase testCase)
    {
        if (testCase.TestMethodArguments is not [ScenarioCase scenario])
        {
            return;
        }

        testCase.Traits[Category] = [.. scenario.Tags];
        testCase.Traits["Feature"] = [scenario.FeatureName];
    }
}
