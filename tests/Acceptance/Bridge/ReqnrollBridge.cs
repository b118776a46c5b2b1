using System.Reflection;
using System.Runtime.ExceptionServices;
using Reqnroll;
using Xunit.Abstractions;

namespace SmartcarClean.Acceptance.Bridge;

/// <summary>
/// Drives Reqnroll's runtime the way Reqnroll.xUnit's generated code would: the test run starts with the xUnit class
/// fixture and ends with it ([BeforeTestRun], [AfterTestRun], the formatters); each feature gets a test runner,
/// started before its first scenario and ended after its last (<see cref="ScenarioOrderer"/> keeps them together);
/// each scenario runs its pickle's steps through <see cref="ITestRunner"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability", "CA1001", Justification = "xUnit disposes class fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class ReqnrollBridge : IAsyncLifetime
{
    private static readonly Assembly TestAssembly = typeof(ReqnrollBridge).Assembly;

    private ITestRunner? _runner;
    private GherkinFeature? _feature;

    public Task InitializeAsync() => TestRunnerManager.OnTestRunStartAsync(TestAssembly);

    public async Task DisposeAsync()
    {
        await EndFeatureAsync();
        await TestRunnerManager.OnTestRunEndAsync(TestAssembly);
    }

    /// <summary>
    /// Runs one scenario. A failing step fails it with a <see cref="StepFailedException"/> naming the step, file and
    /// line; an undefined step with Reqnroll's own message and snippet.
    /// </summary>
    public async Task RunAsync(ScenarioCase scenarioCase, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(scenarioCase);
        ArgumentNullException.ThrowIfNull(output);
        var (feature, scenario) = FeatureCatalog.Load(scenarioCase.FeaturesFolder).Find(scenarioCase);
        // Reports that name the test by its method (JUnit XML) still show which scenario it was.
        output.WriteLine($"Scenario: {scenarioCase}");
        var runner = await StartFeatureAsync(feature);
        runner.OnScenarioInitialize(scenario.ToScenarioInfo(), scenario.ToRuleInfo());
        runner.ScenarioContext.ScenarioContainer.RegisterInstanceAs(output);

        Exception? failure = null;
        try
        {
            await runner.OnScenarioStartAsync();
            var failingStep = -1;
            for (var i = 0; i < scenario.Steps.Count; i++)
            {
                var wasOk = runner.ScenarioContext.ScenarioExecutionStatus == ScenarioExecutionStatus.OK;
                await RunStepAsync(runner, scenario.Steps[i]);
                if (wasOk && runner.ScenarioContext.ScenarioExecutionStatus != ScenarioExecutionStatus.OK)
                {
                    failingStep = i;
                }
            }

            try
            {
                await runner.CollectScenarioErrorsAsync();
            }
            catch (Exception exception) when (failingStep >= 0)
            {
                throw new StepFailedException(feature.RelativePath, scenario.Steps, failingStep, exception);
            }
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        try
        {
            await runner.OnScenarioEndAsync();
        }
        catch (Exception afterScenario) when (failure is not null)
        {
            throw new AggregateException(failure, afterScenario);
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    private static Task RunStepAsync(ITestRunner runner, GherkinStep step) => step.Type switch
    {
        Io.Cucumber.Messages.Types.PickleStepType.CONTEXT => runner.GivenAsync(step.Text, step.DocString, step.Table, step.Keyword),
        Io.Cucumber.Messages.Types.PickleStepType.ACTION => runner.WhenAsync(step.Text, step.DocString, step.Table, step.Keyword),
        Io.Cucumber.Messages.Types.PickleStepType.OUTCOME => runner.ThenAsync(step.Text, step.DocString, step.Table, step.Keyword),
        _ => runner.AndAsync(step.Text, step.DocString, step.Table, step.Keyword),
    };

    private async Task<ITestRunner> StartFeatureAsync(GherkinFeature feature)
    {
        if (_runner is not null && ReferenceEquals(_feature, feature))
        {
            return _runner;
        }

        await EndFeatureAsync();
        var featureInfo = feature.ToFeatureInfo();
        var runner = TestRunnerManager.GetTestRunnerForAssembly(TestAssembly, featureHint: featureInfo);
        await runner.OnFeatureStartAsync(featureInfo);
        (_runner, _feature) = (runner, feature);
        return runner;
    }

    private async Task EndFeatureAsync()
    {
        if (_runner is null)
        {
            return;
        }

        var runner = _runner;
        (_runner, _feature) = (null, null);
        try
        {
            await runner.OnFeatureEndAsync();
        }
        finally
        {
            TestRunnerManager.ReleaseTestRunner(runner);
        }
    }
}
