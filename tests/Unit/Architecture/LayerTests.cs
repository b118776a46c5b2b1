using System.Reflection;
using FluentValidation;
using Mediator;
using NetArchTest.Rules;

namespace SmartcarClean.Unit.Architecture;

/// <summary>The layer rules of the design card. Each rule was seen failing once, with a deliberate violation.</summary>
public sealed class LayerTests
{
    private static readonly Assembly Domain = typeof(SmartcarClean.Domain.Connect.ConnectAttempt).Assembly;
    private static readonly Assembly Application = typeof(SmartcarClean.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(SmartcarClean.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly Web = typeof(Program).Assembly;

    [Fact]
    public void The_domain_depends_on_no_other_layer_and_no_framework() =>
        ShouldNotDependOn(Domain,
            "SmartcarClean.Application", "SmartcarClean.Infrastructure", "SmartcarClean.Web", "SmartcarClean.Emulator",
            "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Mediator", "FluentValidation", "System.Net.Http");

    [Fact]
    public void The_application_layer_depends_only_inward() =>
        ShouldNotDependOn(Application,
            "SmartcarClean.Infrastructure", "SmartcarClean.Web", "SmartcarClean.Emulator", "Microsoft.AspNetCore",
            "Microsoft.Data.Sqlite");

    [Fact]
    public void Infrastructure_does_not_know_the_web_or_the_emulator() =>
        ShouldNotDependOn(Infrastructure, "SmartcarClean.Web", "SmartcarClean.Emulator");

    [Fact]
    public void The_emulator_references_none_of_the_apps_projects()
    {
        // An independent stand-in for Smartcar: a rule mistaken in the app must not be mirrored in the emulator.
        var emulator = typeof(SmartcarClean.Emulator.SmartcarEmulator).Assembly;

        emulator.GetReferencedAssemblies().Select(a => a.Name).ShouldNotContain(name => name!.StartsWith("SmartcarClean.", StringComparison.Ordinal));
        emulator.GetReferencedAssemblies().ShouldContain(a => a.Name == "WireMock.Net.Minimal", "the rule must look at the real emulator");
    }

    [Fact]
    public void Pages_do_not_reach_past_the_mediator_into_infrastructure() =>
        Types.InAssembly(Web).That().ResideInNamespace("SmartcarClean.Web.Pages")
            .ShouldNot().HaveDependencyOnAny("SmartcarClean.Infrastructure", "Microsoft.EntityFrameworkCore")
            .GetResult().FailingTypeNames.ShouldBeNull();

    [Fact]
    public void Handlers_are_internal_and_sealed()
    {
        var handlers = Types.InAssembly(Application).That()
            .ImplementInterface(typeof(ICommandHandler<,>)).Or().ImplementInterface(typeof(IQueryHandler<,>));

        handlers.GetTypes().Count().ShouldBeGreaterThanOrEqualTo(4, "the rule must look at the real handlers");
        handlers.Should().NotBePublic().And().BeSealed().GetResult().FailingTypeNames.ShouldBeNull();
    }

    [Fact]
    public void Validators_are_internal_and_sealed()
    {
        var validators = Types.InAssembly(Application).That().Inherit(typeof(AbstractValidator<>));

        validators.GetTypes().Count().ShouldBeGreaterThanOrEqualTo(2, "the rule must look at the real validators");
        validators.Should().NotBePublic().And().BeSealed().GetResult().FailingTypeNames.ShouldBeNull();
    }

    [Fact]
    public void Every_request_has_a_name_of_its_use_case_and_lives_in_its_folder()
    {
        var requests = Types.InAssembly(Application).That()
            .ImplementInterface(typeof(ICommand<>)).Or().ImplementInterface(typeof(IQuery<>)).GetTypes().ToList();

        requests.Count.ShouldBeGreaterThanOrEqualTo(4);
        foreach (var request in requests)
        {
            request.Namespace.ShouldEndWith("." + request.Name);
        }
    }

    private static void ShouldNotDependOn(Assembly assembly, params string[] forbidden)
    {
        Types.InAssembly(assembly).GetTypes().ShouldNotBeEmpty();
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        result.FailingTypeNames.ShouldBeNull($"{assembly.GetName().Name} must not depend on {string.Join(", ", forbidden)}");
    }
}
