namespace SmartcarClean.Acceptance.Bridge;

/// <summary>
/// A scenario's failing step, where it is written, and the steps Reqnroll skipped after it; the step's own exception
/// is the inner exception. For example:
/// <code>
/// Step failed: Then I see my vehicles (Features/ConnectVehicle.feature:14)
/// Expected 2 rows but found 1.
///
/// Skipped steps:
///   And the car is unlocked
/// </code>
/// </summary>
public sealed class StepFailedException : Exception
{
    public StepFailedException()
    {
    }

    public StepFailedException(string message)
        : base(message)
    {
    }

    public StepFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal StepFailedException(string featureFile, IReadOnlyList<GherkinStep> steps, int failingStep, Exception innerException)
        : base(Describe(featureFile, steps, failingStep, innerException), innerException)
    {
    }

    private static string Describe(string featureFile, IReadOnlyList<GherkinStep> steps, int failingStep, Exception innerException)
    {
        var step = steps[failingStep];
        var message = $"Step failed: {step} ({featureFile}:{step.Line}){Environment.NewLine}{innerException.Message}";
        var skipped = steps.Skip(failingStep + 1).Select(skippedStep => $"  {skippedStep}").ToList();
        return skipped.Count == 0
            ? message
            : string.Join(Environment.NewLine, [message, string.Empty, "Skipped steps:", .. skipped]);
    }
}
