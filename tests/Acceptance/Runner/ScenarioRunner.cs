using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace SmartcarClean.Acceptance.Runner;

/// <summary>
/// Runs one scenario: BeforeScenario hooks, its steps in order (each between BeforeStep and AfterStep hooks), then
/// AfterScenario hooks, always; and records the result for the reports (<see cref="TestRunResults"/>).
/// </summary>
public sealed class ScenarioRunner(StepRegistry registry)
{
    // The runner's own tests define sample bindings (some deliberately ambiguous); real scenarios never see them.
    private const string RunnerTestsNamespace = "SmartcarClean.Acceptance.RunnerTests";

    private static readonly Lazy<ScenarioRunner> DefaultRunner = new(() => new ScenarioRunner(
        StepRegistry.FromAssembly(typeof(ScenarioRunner).Assembly, type => !IsRunnerTestType(type))));

    private readonly Lock _testRunGate = new();
    private Task? _beforeTestRun;
    private Task? _afterTestRun;

    /// <summary>Every [Binding] class of the acceptance test assembly, scanned once per test run.</summary>
    public static ScenarioRunner Default => DefaultRunner.Value;

    public StepRegistry Registry { get; } = registry;

    /// <summary>Runs the [BeforeTestRun] hooks, once however often it is called; their parameters come from <paramref name="testRunServices"/>.</summary>
    public Task BeforeTestRunAsync(IServiceProvider testRunServices)
    {
        lock (_testRunGate)
        {
            return _beforeTestRun ??= RunTestRunHooksAsync(Registry.BeforeTestRunHooks, "BeforeTestRun", testRunServices);
        }
    }

    /// <summary>Runs the [AfterTestRun] hooks, once however often it is called.</summary>
    public Task AfterTestRunAsync(IServiceProvider testRunServices)
    {
        lock (_testRunGate)
        {
            return _afterTestRun ??= RunTestRunHooksAsync(Registry.AfterTestRunHooks, "AfterTestRun", testRunServices);
        }
    }

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
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var steps = compiled.Steps.Select(step => Bind(step, feature)).ToList();
        var output = new ScenarioOutput();
        var errors = new List<Exception>();
        if (steps.Any(step => step.Problem is not null))
        {
            errors.Add(BindingFailure(feature, compiled, steps));
        }
        else
        {
            await RunBoundAsync(steps, feature, compiled, testRunServices, output, errors);
        }

        var error = errors.Count switch
        {
            0 => null,
            1 => errors[0],
            _ => new AggregateException(errors),
        };
        TestRunResults.For(scenario.FeaturesFolder).Add(new ScenarioResult(
            scenario,
            error is null ? ScenarioStatus.Passed : ScenarioStatus.Failed,
            startedAt,
            clock.Elapsed,
            [.. steps.Select(step => step.ToResult())],
            error is null ? null : Describe(error),
            output.Attachments,
            output.Lines)
        {
            Feature = feature,
            Scenario = compiled,
        });

        if (error is not null)
        {
            throw error;
        }
    }

    internal static bool IsRunnerTestType(Type type) =>
        type.Namespace is { } name && (name == RunnerTestsNamespace || name.StartsWith(RunnerTestsNamespace + ".", StringComparison.Ordinal));

    private async Task RunBoundAsync(
        List<StepRun> steps, FeatureFile feature, CompiledScenario compiled, IServiceProvider testRunServices, ScenarioOutput output, List<Exception> errors)
    {
        var context = new ScenarioContext(new ScenarioInfo(compiled.Name, compiled.Tags));
        var scope = new ScenarioScope(testRunServices, new FeatureContext(new FeatureInfo(feature.FeatureName, feature.RelativePath)), context, output);
        try
        {
            await RunHooksAsync(Hooks(Registry.BeforeScenarioHooks, compiled), "BeforeScenario", stopAtFirstError: true, scope, context, errors);
            for (var i = 0; i < steps.Count && errors.Count == 0; i++)
            {
                await RunStepAsync(steps, i, feature, compiled, scope, context, errors);
            }

            await RunHooksAsync(Hooks(Registry.AfterScenarioHooks, compiled), "AfterScenario", stopAtFirstError: false, scope, context, errors);
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
    }

    /// <summary>Finds the step's binding before anything runs, so all undefined or ambiguous steps are reported at once.</summary>
    private StepRun Bind(ScenarioStep step, FeatureFile feature)
    {
        var place = $"{step.Title} ({feature.RelativePath}:{step.Line})";
        var matches = Registry.FindMatches(step.KeywordType, step.Text);
        if (matches.Count == 0)
        {
            var problem = new StringBuilder($"Undefined step: {place}").AppendLine();
            if (Registry.FindMatches(null, step.Text) is [var other, ..])
            {
                problem.AppendLine($"  Only a step definition of another kind matches (Given, When and Then must agree): {other.Binding.Describe()}");
            }

            problem.AppendLine("  Add a step definition to a [Binding] class:").Append($"  {StepSnippet.For(step)}");
            return new StepRun(step) { Status = StepStatus.Undefined, Problem = problem.ToString() };
        }

        if (matches.Count > 1)
        {
            var problem = new StringBuilder($"Ambiguous step: {place} matches {matches.Count} step definitions:");
            foreach (var (binding, _) in matches)
            {
                problem.AppendLine().Append($"  {binding.Describe()}");
            }

            return new StepRun(step) { Status = StepStatus.Ambiguous, Problem = problem.ToString() };
        }

        var (match, captures) = matches[0];
        return match.CheckParameters(captures.Count, step) is { } mismatch
            ? new StepRun(step) { Binding = match, Status = StepStatus.Undefined, Problem = $"Step cannot be bound: {place}{Environment.NewLine}  {mismatch}" }
            : new StepRun(step) { Binding = match, Captures = captures };
    }

    private static StepBindingException BindingFailure(FeatureFile feature, CompiledScenario scenario, List<StepRun> steps) =>
        new($"\"{scenario.Name}\" in {feature.RelativePath} cannot run:{Environment.NewLine}"
            + string.Join(Environment.NewLine, steps.Where(step => step.Problem is not null).Select(step => step.Problem)));

    private async Task RunStepAsync(
        List<StepRun> steps, int index, FeatureFile feature, CompiledScenario compiled, ScenarioScope scope, ScenarioContext context, List<Exception> errors)
    {
        var run = steps[index];
        var step = run.Step;
        var stepContext = new ScenarioStepContext(new StepInfo(step.KeywordType ?? run.Binding!.Keyword, step.Text));
        context.StepContext = stepContext;
        var clock = Stopwatch.StartNew();
        var hookErrors = new List<Exception>();
        await RunHooksAsync(Hooks(Registry.BeforeStepHooks, compiled), "BeforeStep", stopAtFirstError: true, scope, context, hookErrors);
        Exception? failure = hookErrors.FirstOrDefault();
        if (failure is null)
        {
            try
            {
                var target = run.Binding!.Method.IsStatic ? null : scope.Resolve(run.Binding.Method.DeclaringType!);
                await InvokeAsync(run.Binding.Method, target, run.Binding.BindArguments(run.Captures, step));
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                failure = exception;
                stepContext.TestError = exception;
                context.TestError ??= exception;
            }
        }

        // AfterStep hooks see the step's error in StepContext.TestError, so one can take a screenshot of the failure.
        await RunHooksAsync(Hooks(Registry.AfterStepHooks, compiled), "AfterStep", stopAtFirstError: false, scope, context, hookErrors);
        run.Duration = clock.Elapsed;
        failure ??= hookErrors.FirstOrDefault();
        if (failure is null)
        {
            run.Status = StepStatus.Passed;
            return;
        }

        run.Status = failure is PendingStepException ? StepStatus.Pending : StepStatus.Failed;
        run.Error = failure.Message;
        var message = new StringBuilder($"Step failed: {step.Title} ({feature.RelativePath}:{step.Line})")
            .AppendLine()
            .Append(failure.Message);
        if (index + 1 < steps.Count)
        {
            message.AppendLine().AppendLine().Append("Skipped steps:");
            foreach (var skipped in steps.Skip(index + 1))
            {
                message.AppendLine().Append($"  {skipped.Step.Title}");
            }
        }

        errors.Add(new StepFailedException(message.ToString(), failure));
        errors.AddRange(hookErrors.Where(hookError => hookError != failure));
    }

    private static IEnumerable<HookBinding> Hooks(IReadOnlyList<HookBinding> hooks, CompiledScenario scenario) =>
        hooks.Where(hook => hook.AppliesTo(scenario.Tags));

    /// <summary>A failing Before hook stops what follows it; After hooks all run (a later one may save a trace).</summary>
    private static async Task RunHooksAsync(
        IEnumerable<HookBinding> hooks, string kind, bool stopAtFirstError, ScenarioScope scope, ScenarioContext context, List<Exception> errors)
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
                if (stopAtFirstError)
                {
                    return;
                }
            }
        }
    }

    private static async Task RunTestRunHooksAsync(IReadOnlyList<HookBinding> hooks, string kind, IServiceProvider services)
    {
        foreach (var hook in hooks)
        {
            if (!hook.Method.IsStatic)
            {
                throw new InvalidOperationException($"{kind} hook {hook.Describe()} must be static: it runs outside any scenario.");
            }

            var arguments = hook.Method.GetParameters()
                .Select(parameter => services.GetService(parameter.ParameterType)
                    ?? throw new InvalidOperationException($"{kind} hook {hook.Describe()} asks for a {parameter.ParameterType.Name}, which the test-run services do not hold."))
                .ToArray();
            try
            {
                await InvokeAsync(hook.Method, null, arguments);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                throw new StepFailedException($"{kind} hook failed: {hook.Describe()}{Environment.NewLine}{exception.Message}", exception);
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

    private static string Describe(Exception error) => error is AggregateException aggregate
        ? string.Join(Environment.NewLine + Environment.NewLine, aggregate.InnerExceptions.Select(inner => inner.Message))
        : error.Message;

    /// <summary>One step of the running scenario: its binding (or why it has none), then how it ran.</summary>
    private sealed class StepRun(ScenarioStep step)
    {
        public ScenarioStep Step { get; } = step;

        public StepBinding? Binding { get; init; }

        public IReadOnlyList<string?> Captures { get; init; } = [];

        public string? Problem { get; init; }

        public StepStatus Status { get; set; } = StepStatus.Skipped;

        public TimeSpan Duration { get; set; }

        public string? Error { get; set; }

        public StepResult ToResult() => new(Step.Keyword, Step.Text, Step.Line, Status, Duration, Error ?? Problem, Binding?.Describe())
        {
            PickleStepId = Step.PickleStepId,
            StepBinding = Binding,
        };
    }
}
