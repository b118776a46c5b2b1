using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace SmartcarClean.Acceptance.Bridge;

/// <summary>
/// A [Theory] over <see cref="ScenarioCase"/> rows: each row is a test case named "Feature: Scenario", with one
/// <c>Category</c> trait per tag (so <c>dotnet test --filter Category=smoke</c> picks tags) and a <c>Feature</c>
/// trait; rows with a <see cref="ScenarioCase.SkipReason"/> (@wip, @ignore) are reported as skipped, with the reason.
/// </summary>
/// <remarks>xUnit finds the discoverer by type and assembly name: update both if the bridge moves.</remarks>
[XunitTestCaseDiscoverer("SmartcarClean.Acceptance.Bridge.ScenarioTheoryDiscoverer", "SmartcarClean.Acceptance")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScenarioTheoryAttribute : TheoryAttribute;

/// <summary>Found by name through <see cref="ScenarioTheoryAttribute"/>.</summary>
public sealed class ScenarioTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
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

/// <summary>A @wip or @ignore scenario: reported as skipped with its reason.</summary>
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

    protected override void Initialize()
    {
        base.Initialize();
        ScenarioTraits.Add(this);
    }

    protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName) =>
        TestMethodArguments is [ScenarioCase scenario] ? scenario.ToString() : base.GetDisplayName(factAttribute, displayName);
}

/// <summary>
/// Scenarios in file order, feature by feature: Reqnroll starts and ends each feature once (xUnit's default order
/// would interleave them).
/// </summary>
/// <remarks>xUnit finds the orderer by type and assembly name: update both if the bridge moves.</remarks>
public sealed class ScenarioOrderer : ITestCaseOrderer
{
    public const string TypeName = "SmartcarClean.Acceptance.Bridge.ScenarioOrderer";
    public const string AssemblyName = "SmartcarClean.Acceptance";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases
            .OrderBy(testCase => testCase.TestMethodArguments is [ScenarioCase scenario] ? scenario.FeatureFile : string.Empty, StringComparer.Ordinal)
            .ThenBy(testCase => testCase.TestMethodArguments is [ScenarioCase scenario] ? scenario.Index : 0);
}

internal static class ScenarioTraits
{
    /// <summary>A "Category" trait per tag, and "Feature" with the feature's name.</summary>
    public static void Add(XunitTestCase testCase)
    {
        if (testCase.TestMethodArguments is not [ScenarioCase scenario])
        {
            return;
        }

        testCase.Traits["Category"] = [.. scenario.Tags];
        testCase.Traits["Feature"] = [scenario.FeatureName];
    }
}
