namespace SmartcarClean.Acceptance.Runner;

/// <summary>The kind of a step; And/But take the kind of the step before them.</summary>
public enum StepKeyword
{
    Given,
    When,
    Then,
}
