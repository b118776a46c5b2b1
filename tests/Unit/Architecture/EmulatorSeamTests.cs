using NetArchTest.Rules;
using SmartcarClean.Web.Startup;

namespace SmartcarClean.Unit.Architecture;

/// <summary>
/// The web project hosts the emulator for offline runs, and reaches it through one seam only: the start-up class that
/// embeds it. Pages, security and accounts know nothing of it, so the app runs the same against real Smartcar.
/// Seen failing once: the refusal of settings named the emulator's start-up exception.
/// </summary>
public sealed class EmulatorSeamTests
{
    [Fact]
    public void Only_the_embedded_emulator_start_up_reaches_the_emulator()
    {
        var reaching = Types.InAssembly(typeof(Program).Assembly)
            .That().HaveDependencyOn("SmartcarClean.Emulator")
            .GetTypes()
            .Select(Outermost)
            .Distinct();

        // Exactly the seam: also proves the rule looks at the real web project, which does use the emulator there.
        reaching.Select(type => type.FullName).ShouldBe([typeof(EmbeddedEmulator).FullName]);
    }

    // A lambda's or an iterator's compiler-made class counts as the class it was written in.
    private static Type Outermost(Type type) => type.DeclaringType is { } declaring ? Outermost(declaring) : type;
}
