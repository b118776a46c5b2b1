using Reqnroll;
using Reqnroll.BoDi;
using Reqnroll.Infrastructure;
using Reqnroll.Plugins;
using Reqnroll.Tracing;
using Reqnroll.UnitTestProvider;
using SmartcarClean.Acceptance.Bridge;
using SmartcarClean.Acceptance.Support;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: RuntimePlugin(typeof(BridgePlugin))]

namespace SmartcarClean.Acceptance.Bridge;

/// <summary>
/// What Reqnroll.xUnit's runtime plugin would register, for the bridge: the unit-test provider Reqnroll asks for
/// (registered on RegisterGlobalDependencies: later is too late) and Reqnroll's step trace and attachments in each test's output.
/// </summary>
public sealed class BridgePlugin : IRuntimePlugin
{
    private const string ProviderName = "xunit-bridge";

    public void Initialize(
        RuntimePluginEvents runtimePluginEvents, RuntimePluginParameters runtimePluginParameters, UnitTestProviderConfiguration unitTestProviderConfiguration)
    {
        ArgumentNullException.ThrowIfNull(runtimePluginEvents);
        ArgumentNullException.ThrowIfNull(unitTestProviderConfiguration);

        // reqnroll.json writes the reports to {env:ACCEPTANCE_ARTIFACTS}: the formatters read it before any hook runs.
        AcceptanceArtifacts.PublishFolder();
        unitTestProviderConfiguration.UseUnitTestProvider(ProviderName);
        runtimePluginEvents.RegisterGlobalDependencies += (_, e) =>
            e.ObjectContainer.RegisterTypeAs<BridgeRuntimeProvider, IUnitTestRuntimeProvider>(ProviderName);
        runtimePluginEvents.CustomizeTestThreadDependencies += (_, e) =>
        {
            e.ObjectContainer.RegisterTypeAs<TestOutputTraceListener, ITraceListener>();
            e.ObjectContainer.RegisterTypeAs<TestOutputAttachmentHandler, IReqnrollAttachmentHandler>();
        };
    }
}

/// <summary>A scenario that Reqnroll finds pending, undefined, inconclusive or ignored fails, with Reqnroll's message.</summary>
public sealed class BridgeRuntimeProvider : IUnitTestRuntimeProvider
{
    public void TestPending(string message) => throw new XunitException(message);

    public void TestInconclusive(string message) => throw new XunitException($"Inconclusive: {message}");

    public void TestIgnore(string message) => throw new XunitException($"Ignored: {message}");

    public ScenarioExecutionStatus? DetectExecutionStatus(Exception exception) => null;
}

/// <summary>xUnit 2 has no attachments: an attached file's path goes to the test's output (the reports embed the file).</summary>
public sealed class TestOutputAttachmentHandler(ITraceListener traceListener) : IReqnrollAttachmentHandler
{
    public void AddAttachment(string filePath) => traceListener.WriteToolOutput($"Attachment: {filePath}");
}

/// <summary>Reqnroll's trace of a scenario's steps, written to that test's output (the bridge registers it per scenario).</summary>
public sealed class TestOutputTraceListener(IObjectContainer container) : ITraceListener
{
    public void WriteTestOutput(string message) => Write(message);

    public void WriteToolOutput(string message) => Write($"-> {message}");

    private void Write(string message)
    {
        var scenario = container.Resolve<IContextManager>().ScenarioContext;
        if (scenario?.ScenarioContainer.IsRegistered<ITestOutputHelper>() == true)
        {
            scenario.ScenarioContainer.Resolve<ITestOutputHelper>().WriteLine(message);
        }
    }
}
