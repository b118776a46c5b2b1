using System.Reflection;
using NetArchTest.Rules;
using Reqnroll;

namespace SmartcarClean.Acceptance.BridgeTests;

/// <summary>
/// The suite's own rule, as in reqnroll/Sample-ReqOverflow: step definitions say what happens and call drivers; only
/// the page drivers (Drivers/) know selectors and talk to Playwright. Seen failing once, against steps that used locators.
/// </summary>
public sealed class StepDefinitionRulesTests
{
    private const string StepDefinitions = "SmartcarClean.Acceptance.StepDefinitions";

    private static readonly Assembly Suite = typeof(StepDefinitionRulesTests).Assembly;

    [Fact]
    public void Every_step_definition_lives_in_the_step_definitions_folder()
    {
        var stepClasses = Suite.GetTypes()
            .Where(type => type.GetMethods().Any(method => method.IsDefined(typeof(StepDefinitionBaseAttribute))))
            .ToList();

        stepClasses.Count.ShouldBeGreaterThanOrEqualTo(10, "the rule must look at the real step classes");
        stepClasses.Where(type => type.Namespace != StepDefinitions).Select(type => type.FullName).ShouldBeEmpty();
    }

    [Fact]
    public void Step_definitions_use_no_playwright_locator_page_or_assertion_only_drivers_do() =>
        Types.InAssembly(Suite).That().ResideInNamespace(StepDefinitions)
            .ShouldNot().HaveDependencyOn("Microsoft.Playwright")
            .GetResult().FailingTypeNames.ShouldBeNull();
}
