namespace SmartcarClean.Acceptance.Runner;

/// <summary>One per scenario; inject it into a binding constructor.</summary>
public sealed class ScenarioContext(ScenarioInfo scenarioInfo)
{
    public ScenarioInfo ScenarioInfo { get; } = scenarioInfo;

    /// <summary>The first error of the scenario (a hook's or a step's), or null while it has not failed.</summary>
    public Exception? TestError { get; internal set; }
}
