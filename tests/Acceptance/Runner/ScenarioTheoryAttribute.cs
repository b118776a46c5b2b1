using Xunit.Abstractions;
using Xunit.Sdk;

namespace SmartcarClean.Acceptance.Runner;

/// <summary>
/// A [Theory] whose <see cref="ScenarioCase"/> rows with a <see cref="ScenarioCase.SkipReason"/> (@wip, @ignore)
/// are reported as skipped, with the reason, instead of being run.
/// </summary>
/// <remarks>xUnit finds the discoverer by type and assembly name: update both if the runner moves.</remarks>
[XunitTestCaseDiscoverer("SmartcarClean.Acceptance.Runner.ScenarioTheoryDiscoverer", "SmartcarClean.Acceptance")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScenarioTheoryAttribute : TheoryAttribute;

/// <summary>Found by name through <see cref="ScenarioTheoryAttribute"/>.</summary>
public sealed class ScenarioTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        return dataRow is [ScenarioCase { SkipReason: { } reason }, ..]
            ? [new XunitSkippedDataRowTestCase(
                DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason, dataRow)]
            : base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow);
    }
}
