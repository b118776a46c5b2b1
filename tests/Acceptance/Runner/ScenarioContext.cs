namespace SmartcarClean.Acceptance.Runner;

/// <summary>One per scenario; inject it into a binding constructor.</summary>
public sealed class ScenarioContext(ScenarioInfo scenarioInfo)
{
    public ScenarioInfo ScenarioInfo { get; } = scenarioInfo;

    /// <summary>The first error of the scenario (a hook's or a step's), or null while it has not failed.</summary>
    public Exception? TestError { get; internal set; }

    /// <summary>The step running now (in a step or a [BeforeStep]/[AfterStep] hook), else the last one that ran.</summary>
    public ScenarioStepContext? StepContext { get; internal set; }
}

/// <summary>The running step, as Reqnroll's ScenarioStepContext gives it.</summary>
public sealed class ScenarioStepContext(StepInfo stepInfo)
{
    public StepInfo StepInfo { get; } = stepInfo;

    /// <summary>The step's own error, once it failed.</summary>
    public Exception? TestError { get; internal set; }
}

/// <summary>A step's kind (Given/When/Then, And and But resolved) and text.</summary>
public sealed record StepInfo(StepKeyword StepDefinitionType, string Text);
