using System.Reflection;

namespace SmartcarClean.Acceptance.Runner;

/// <summary>One [Given]/[When]/[Then] attribute on one method.</summary>
internal sealed class StepBinding(StepKeyword keyword, StepExpression expression, MethodInfo method)
{
    public StepKeyword Keyword { get; } = keyword;

    public StepExpression Expression { get; } = expression;

    public MethodInfo Method { get; } = method;

    public string Describe() =>
        $"[{Keyword}(\"{Expression.Source}\")] {Method.DeclaringType!.Name}.{Method.Name}({string.Join(", ", Method.GetParameters().Select(p => p.ParameterType.Name))})";

    /// <summary>Why the method cannot take these captures and this step argument, or null when it can.</summary>
    public string? CheckParameters(int captureCount, ScenarioStep step)
    {
        var parameters = Method.GetParameters();
        var extra = step.Table is not null ? typeof(DataTable) : step.DocString is not null ? typeof(string) : null;
        var expected = captureCount + (extra is null ? 0 : 1);
        if (parameters.Length != expected)
        {
            var argument = extra == typeof(DataTable) ? " and a DataTable" : extra is null ? "" : " and a doc string";
            return $"{Describe()} takes {parameters.Length} parameter(s), but the step gives {captureCount} capture(s){argument}.";
        }

        return extra is not null && parameters[^1].ParameterType != extra
            ? $"{Describe()}: its last parameter must be a {extra.Name} to receive the step's {(extra == typeof(DataTable) ? "data table" : "doc string")}."
            : null;
    }

    public object?[] BindArguments(IReadOnlyList<string?> captures, ScenarioStep step)
    {
        var parameters = Method.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < captures.Count; i++)
        {
            try
            {
                arguments[i] = StepArgumentConverter.Convert(captures[i], parameters[i].ParameterType);
            }
            catch (FormatException exception)
            {
                throw new FormatException($"{exception.Message} (parameter '{parameters[i].Name}' of {Describe()})", exception);
            }
        }

        if (captures.Count < parameters.Length)
        {
            arguments[^1] = (object?)step.Table ?? step.DocString;
        }

        return arguments;
    }
}

/// <summary>One hook method; with tags, it runs only for scenarios carrying one of them.</summary>
internal sealed class HookBinding(MethodInfo method, int order, IReadOnlyList<string> tags)
{
    public MethodInfo Method { get; } = method;

    public int Order { get; } = order;

    public IReadOnlyList<string> Tags { get; } = tags;

    public bool AppliesTo(IReadOnlyList<string> scenarioTags) =>
        Tags.Count == 0 || Tags.Any(tag => scenarioTags.Contains(tag, StringComparer.OrdinalIgnoreCase));

    public string Describe() => $"{Method.DeclaringType!.Name}.{Method.Name}";
}
