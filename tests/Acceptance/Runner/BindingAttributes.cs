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

/// <summary>A scenario hook; lower <see cref="Order"/> runs first (Reqnroll's default is 10000).</summary>
[AttributeUsage(AttributeTargets.Method)]
public abstract class HookAttribute : Attribute
{
    public const int DefaultOrder = 10000;

    public int Order { get; set; } = DefaultOrder;
}

/// <summary>Runs before the first step of every scenario.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BeforeScenarioAttribute : HookAttribute;

/// <summary>Runs after every scenario, also when a step failed (see <see cref="ScenarioContext.TestError"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AfterScenarioAttribute : HookAttribute;
