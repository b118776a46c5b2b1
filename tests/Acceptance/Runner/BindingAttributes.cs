namespace SmartcarClean.Acceptance.Runner;

/// <summary>Marks a class whose public methods are step definitions or hooks (as in Reqnroll).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class BindingAttribute : Attribute;

/// <summary>
/// A step definition. The expression is a regular expression when it starts with <c>^</c> or ends with <c>$</c>,
/// otherwise a Cucumber Expression (<c>{int}</c>, <c>{float}</c>, <c>{word}</c>, <c>{string}</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public abstract class StepDefinitionAttribute(StepKeyword keyword, string expression) : Attribute
{
    public StepKeyword Keyword { get; } = keyword;

    public string Expression { get; } = expression;
}

[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class GivenAttribute(string expression) : StepDefinitionAttribute(StepKeyword.Given, expression);

[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class WhenAttribute(string expression) : StepDefinitionAttribute(StepKeyword.When, expression);

[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ThenAttribute(string expression) : StepDefinitionAttribute(StepKeyword.Then, expression);

/// <summary>
/// A hook; lower <see cref="Order"/> runs first (Reqnroll's default is 10000). Scenario and step hooks given tags
/// (without '@') run only for scenarios carrying at least one of them.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public abstract class HookAttribute(string[] tags) : Attribute
{
    public const int DefaultOrder = 10000;

    public int Order { get; set; } = DefaultOrder;

    public IReadOnlyList<string> Tags { get; } = [.. tags.Select(tag => tag.TrimStart('@'))];
}

/// <summary>Runs once, before the first scenario of the test run; the method must be static.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BeforeTestRunAttribute() : HookAttribute([]);

/// <summary>Runs once, after the last scenario of the test run; the method must be static.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AfterTestRunAttribute() : HookAttribute([]);

/// <summary>Runs before the first step of every scenario (with tags: of every scenario with one of them).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BeforeScenarioAttribute(params string[] tags) : HookAttribute(tags);

/// <summary>Runs after every scenario, also when a step failed (see <see cref="ScenarioContext.TestError"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AfterScenarioAttribute(params string[] tags) : HookAttribute(tags);

/// <summary>Runs before every step (see <see cref="ScenarioContext.StepContext"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BeforeStepAttribute(params string[] tags) : HookAttribute(tags);

/// <summary>Runs after every step that ran, also a failed one.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AfterStepAttribute(params string[] tags) : HookAttribute(tags);
