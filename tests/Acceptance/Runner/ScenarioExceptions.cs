namespace SmartcarClean.Acceptance.Runner;

/// <summary>A step, or a hook, threw: the message names it and its place; the original is the inner exception.</summary>
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
}

/// <summary>Steps that no binding matches, that several match, or whose binding cannot take the step's arguments.</summary>
public sealed class StepBindingException : Exception
{
    public StepBindingException()
    {
    }

    public StepBindingException(string message)
        : base(message)
    {
    }

    public StepBindingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
