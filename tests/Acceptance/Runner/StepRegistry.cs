using System.Reflection;

namespace SmartcarClean.Acceptance.Runner;

/// <summary>The step definitions and hooks of a set of [Binding] classes; build it once per test run.</summary>
public sealed class StepRegistry
{
    private const BindingFlags PublicMethods = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static;

    private readonly List<StepBinding> _steps = [];

    /// <param name="bindingTypes">Classes marked [Binding]; tests pass a few sample classes so they never meet real bindings.</param>
    public StepRegistry(IEnumerable<Type> bindingTypes)
    {
        BindingTypes = bindingTypes.Distinct().ToList();
        foreach (var type in BindingTypes)
        {
            if (type.GetCustomAttribute<BindingAttribute>() is null)
            {
                throw new ArgumentException($"{type.FullName} is not marked [Binding].", nameof(bindingTypes));
            }
        }

        var methods = BindingTypes.SelectMany(type => type.GetMethods(PublicMethods)).ToList();
        foreach (var method in methods)
        {
            foreach (var attribute in method.GetCustomAttributes<StepDefinitionAttribute>())
            {
                _steps.Add(new StepBinding(attribute.Keyword, StepExpression.Parse(attribute.Expression), method));
            }
        }

        BeforeTestRunHooks = Hooks<BeforeTestRunAttribute>(methods);
        AfterTestRunHooks = Hooks<AfterTestRunAttribute>(methods);
        BeforeScenarioHooks = Hooks<BeforeScenarioAttribute>(methods);
        AfterScenarioHooks = Hooks<AfterScenarioAttribute>(methods);
        BeforeStepHooks = Hooks<BeforeStepAttribute>(methods);
        AfterStepHooks = Hooks<AfterStepAttribute>(methods);
    }

    public IReadOnlyList<Type> BindingTypes { get; }

    internal IReadOnlyList<StepBinding> Steps => _steps;

    internal IReadOnlyList<HookBinding> BeforeTestRunHooks { get; }

    internal IReadOnlyList<HookBinding> AfterTestRunHooks { get; }

    internal IReadOnlyList<HookBinding> BeforeScenarioHooks { get; }

    internal IReadOnlyList<HookBinding> AfterScenarioHooks { get; }

    internal IReadOnlyList<HookBinding> BeforeStepHooks { get; }

    internal IReadOnlyList<HookBinding> AfterStepHooks { get; }

    /// <summary>Every public [Binding] class of the assembly that <paramref name="include"/> accepts (all by default).</summary>
    public static StepRegistry FromAssembly(Assembly assembly, Func<Type, bool>? include = null) =>
        new(assembly.GetTypes().Where(type => type.GetCustomAttribute<BindingAttribute>() is not null && (include?.Invoke(type) ?? true)));

    /// <summary>The bindings whose keyword and expression match; a step with no keyword of its own ('*') matches any keyword.</summary>
    internal IReadOnlyList<(StepBinding Binding, IReadOnlyList<string?> Captures)> FindMatches(StepKeyword? keyword, string text) =>
        _steps
            .Where(binding => keyword is null || binding.Keyword == keyword)
            .Select(binding => (Binding: binding, Captures: binding.Expression.Match(text)))
            .Where(match => match.Captures is not null)
            .Select(match => (match.Binding, match.Captures!))
            .ToList();

    private static List<HookBinding> Hooks<TAttribute>(IEnumerable<MethodInfo> methods)
        where TAttribute : HookAttribute =>
        methods
            .Select(method => (method, attribute: method.GetCustomAttribute<TAttribute>()))
            .Where(pair => pair.attribute is not null)
            .Select(pair => new HookBinding(pair.method, pair.attribute!.Order, pair.attribute.Tags))
            .OrderBy(hook => hook.Order)
            .ThenBy(hook => hook.Method.DeclaringType!.FullName, StringComparer.Ordinal)
            .ThenBy(hook => hook.Method.Name, StringComparer.Ordinal)
            .ToList();
}
