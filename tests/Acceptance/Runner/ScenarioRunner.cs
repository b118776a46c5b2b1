using System.Reflection;
using System.Text;

namespace SmartcarClean.Acceptance.Runner;

/// <summary>Runs one scenario: BeforeScenario hooks, its steps in order, then AfterScenario hooks, always.</summary>
public sealed class ScenarioRunner(StepRegistry registry)
{
    // The runner's own tests define sample bindings (some deliberately ambiguous); real scenarios never see them.
    private const string RunnerTestsNamespace = "SmartcarClean.Acceptance.RunnerTests";

    private static readonly Lazy<ScenarioRunner> DefaultRunner = new(() => new ScenarioRunner(
        StepRegistry.FromAssembly(typeof(ScenarioRunner).Assembly, type => !IsRunnerTestType(type))));

    /// <summary>Every [Binding] class of the acceptance test assembly, scanned once per test run.</summary>
    public static ScenarioRunner Default => DefaultRunner.Value;

    public StepRegistry Registry { get; } = registry;

    public async Task RunAsync(ScenarioCase scenario, IServiceProvider testRunServices)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(testRunServices);
        if (scenario.SkipReason is not null)
        {
            throw new InvalidOperationException(
                $"\"{scenario}\" must not run: {scenario.SkipReason}. Mark the test method [ScenarioTheory] so it is reported as skipped.");
        }

        var (feature, compiled) = ScenarioCatalog.Load(scenario.FeaturesFolder).Find(scenario);
        var steps = BindSteps(feature, compiled);
        var context = new ScenarioContext(new ScenarioInfo(compiled.Name, compiled.Tags));
        var errors = new List<Exception>();
        var scope = new ScenarioScope(testRunServices, context);
        try
        {
            await RunHooksAsync(Registry.BeforeScenarioHooks, "BeforeScenario", stopAtFirstError: true, scope, context, errors);
            for (var i = 0; i < steps.Count && errors.Count == 0; i++)
            {
                await RunStepAsync(steps, i, feature, scope, context, errors);
            }

            await RunHooksAsync(Registry.AfterScenarioHooks, "AfterScenario", stopAtFirstError: false, scope, context, errors);
        }
        finally
        {
            try
            {
                await scope.DisposeAsync();
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                errors.Add(exception);
            }
        }

        if (errors.Count > 0)
        {
            throw errors.Count == 1 ? errors[0] : new AggregateException(errors);
        }
    }

    internal static bool IsRunnerTestType(Type type) =>
        type.Namespace is { } name && (name == RunnerTestsNamespace || name.StartsWith(RunnerTestsNamespace + ".", StringComparison.Ordinal));

    /// <summary>Finds every step's binding before anything runs, so all undefined or ambiguous steps are reported at once.</summary>
    private List<BoundStep> BindSteps(FeatureFile feature, CompiledScenario scenario)
    {
        var bound = new List<BoundStep>();
        var problems = new StringBuilder();
        foreach (var step in scenario.Steps)
        {
            var place = $"{step.Title} ({feature.RelativePath}:{step.Line})";
            var matches = Registry.FindMatches(step.KeywordType, step.Text);
            if (matches.Count == 0)
            {
                problems.AppendLine($"Undefined step: {place}");
                if (Registry.FindMatches(null, step.Text) is [var other, ..])
                {
                    problems.AppendLine($"  Only a step definition of another kind matches (Given, When and Then must agree): {other.Binding.Describe()}");
                }

                problems.AppendLine("  Add a step definition to a [Binding] class:")
                    .AppendLine($"  {StepSnippet.For(step)}");
            }
            else if (matches.Count > 1)
            {
                problems.AppendLine($"Ambiguous step: {place} matches {matches.Count} step definitions:");
                foreach (var (binding, _) in matches)
                {
                    problems.AppendLine($"  {binding.Describe()}");
                }
            }
            else if (matches[0].Binding.CheckParameters(matches[0].Captures.Count, step) is { } mismatch)
            {
                problems.AppendLine($"Step cannot be bound: {place}").AppendLine($"  {mismatch}");
            }
            else
            {
                bound.Add(new BoundStep(step, matches[0].Binding, matches[0].Captures));
            }
        }

        return problems.Length == 0
            ? bound
            : throw new StepBindingException($"\"{scenario.Name}\" in {feature.RelativePath} cannot run:{Environment.NewLine}{problems.ToString().TrimEnd()}");
    }

    private static async Task RunStepAsync(
        List<BoundStep> steps, int index, FeatureFile feature, ScenarioScope scope, ScenarioContext context, List<Exception> errors)
    {
        var (step, binding, captures) = steps[index];
        try
        {
            var target = binding.Method.IsStatic ? null : scope.Resolve(binding.Method.DeclaringType!);
            await InvokeAsync(binding.Method, target, binding.BindArguments(captures, step));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            context.TestError ??= exception;
            var message = new StringBuilder($"Step failed: {step.Title} ({feature.RelativePath}:{step.Line})")
                .AppendLine()
                .Append(exception.Message);
            if (index + 1 < steps.Count)
            {
                message.AppendLine().AppendLine().Append("Skipped steps:");
                foreach (var skipped in steps.Skip(index + 1))
                {
                    message.AppendLine().Append($"  {skipped.Step.Title}");
                }
            }

            errors.Add(new StepFailedException(message.ToString(), exception));
        }
    }

    /// <summary>A failing BeforeScenario hook stops the scenario; AfterScenario hooks all run (a later one may save a trace).</summary>
    private static async Task RunHooksAsync(
        IReadOnlyList<HookBinding> hooks, string kind, bool stopAtFirstError, ScenarioScope scope, ScenarioContext context, List<Exception> errors)
    {
        foreach (var hook in hooks)
        {
            try
            {
                var target = hook.Method.IsStatic ? null : scope.Resolve(hook.Method.DeclaringType!);
                var arguments = hook.Method.GetParameters().Select(parameter => scope.Resolve(parameter.ParameterType)).ToArray();
                await InvokeAsync(hook.Method, target, arguments);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                context.TestError ??= exception;
                errors.Add(new StepFailedException($"{kind} hook failed: {hook.Describe()}{Environment.NewLine}{exception.Message}", exception));
            }

            if (stopAtFirstError && errors.Count > 0)
            {
                return;
            }
        }
    }

    private static async Task InvokeAsync(MethodInfo method, object? target, object?[] arguments)
    {
        var result = method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
        if (result is Task task)
        {
            await task;
        }
        else if (result is ValueTask valueTask)
        {
            await valueTask;
        }
    }

    private sealed record BoundStep(ScenarioStep Step, StepBinding Binding, IReadOnlyList<string?> Captures);
}
