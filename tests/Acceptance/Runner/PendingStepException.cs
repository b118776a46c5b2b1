namespace SmartcarClean.Acceptance.Runner;

/// <summary>Thrown by a step definition that is not written yet (the generated snippets throw it).</summary>
public sealed class PendingStepException : Exception
{
    public PendingStepException()
        : base("This step definition is pending.")
    {
    }

    public PendingStepException(string message)
        : base(message)
    {
    }

    public PendingStepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
