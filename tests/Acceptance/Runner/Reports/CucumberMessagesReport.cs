using System.ComponentModel;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cucumber.Messages;
using Io.Cucumber.Messages.Types;

namespace SmartcarClean.Acceptance.Runner.Reports;

/// <summary>
/// The run as Cucumber Messages (ndjson, one envelope a line), so Cucumber's own tools can read it, e.g.
/// <c>npx @cucumber/html-formatter &lt; cucumber.ndjson &gt; cucumber.html</c>. Hooks are not listed as steps:
/// a hook's failure shows in the scenario's last step or in the run's result.
/// </summary>
internal static class CucumberMessagesReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new DescriptionEnumConverter() },
    };

    public static void Write(IReadOnlyList<ScenarioResult> scenarios, StepRegistry registry, DateTimeOffset startedAt, string folder, Stream output)
    {
        var envelopes = new List<Envelope> { Envelope.Create(Meta()) };
        foreach (var feature in scenarios.Select(s => s.Feature).DistinctBy(f => f.RelativePath))
        {
            var cucumber = feature.Cucumber;
            envelopes.Add(Envelope.Create(new Source(feature.RelativePath, cucumber.Text, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN)));
            envelopes.Add(Envelope.Create(cucumber.Document));
            var ran = scenarios.Where(s => s.Feature == feature).Select(s => s.Scenario.PickleId).ToHashSet(StringComparer.Ordinal);
            envelopes.AddRange(cucumber.Pickles.Where(p => ran.Contains(p.Id)).Select(Envelope.Create));
        }

        var definitionIds = registry.Steps.Select((binding, i) => (binding, id: $"step-definition-{i}")).ToDictionary(x => x.binding, x => x.id);
        envelopes.AddRange(definitionIds.Select(pair => Envelope.Create(StepDefinition(pair.Key, pair.Value))));

        const string RunId = "test-run";
        envelopes.Add(Envelope.Create(new TestRunStarted(Time(startedAt), RunId)));
        foreach (var scenario in scenarios)
        {
            var steps = scenario.Steps.Select(step => new TestStep(
                null,
                TestStepId(step),
                step.PickleStepId,
                step.StepBinding is { } binding && definitionIds.TryGetValue(binding, out var id) ? [id] : [],
                step.StepBinding is not null && definitionIds.ContainsKey(step.StepBinding) ? [new StepMatchArgumentsList([])] : []));
            envelopes.Add(Envelope.Create(new TestCase(TestCaseId(scenario), scenario.Scenario.PickleId, [.. steps], RunId)));
        }

        var finishedAt = startedAt;
        foreach (var scenario in scenarios)
        {
            envelopes.AddRange(Executed(scenario, folder));
            finishedAt = Max(finishedAt, scenario.StartedAt + scenario.Duration);
        }

        var success = scenarios.All(s => s.Status != ScenarioStatus.Failed);
        envelopes.Add(Envelope.Create(new TestRunFinished(null, success, Time(finishedAt), null, RunId)));

        using var writer = new MessageToNdjsonWriter(output, (stream, envelope) => stream.Write(JsonSerializer.Serialize(envelope, Json)));
        foreach (var envelope in envelopes)
        {
            writer.Write(envelope);
        }
    }

    private static IEnumerable<Envelope> Executed(ScenarioResult scenario, string folder)
    {
        var startedId = $"{TestCaseId(scenario)}-started";
        var at = scenario.StartedAt;
        yield return Envelope.Create(new TestCaseStarted(0, startedId, TestCaseId(scenario), null, Time(at)));
        foreach (var step in scenario.Steps)
        {
            yield return Envelope.Create(new TestStepStarted(startedId, TestStepId(step), Time(at)));
            at += step.Duration;
            var result = new TestStepResult(Converters.ToDuration(step.Duration), step.Error, Status(step.Status), null);
            yield return Envelope.Create(new TestStepFinished(startedId, TestStepId(step), result, Time(at)));
        }

        // Attachments belong to the step that failed (else the last one): that is where readers look.
        var owner = scenario.Steps.FirstOrDefault(s => s.Status is StepStatus.Failed) ?? (scenario.Steps.Count > 0 ? scenario.Steps[^1] : null);
        var stepId = owner is null ? null : TestStepId(owner);
        foreach (var path in scenario.Attachments.Where(File.Exists))
        {
            var image = path.EndsWith(".png", StringComparison.OrdinalIgnoreCase);
            yield return Envelope.Create(new Attachment(
                image ? Convert.ToBase64String(File.ReadAllBytes(path)) : Path.GetRelativePath(folder, path).Replace('\\', '/'),
                image ? AttachmentContentEncoding.BASE64 : AttachmentContentEncoding.IDENTITY,
                Path.GetFileName(path),
                image ? "image/png" : "text/uri-list",
                null,
                startedId,
                stepId,
                null,
                null,
                null,
                Time(scenario.StartedAt + scenario.Duration)));
        }

        yield return Envelope.Create(new TestCaseFinished(startedId, Time(scenario.StartedAt + scenario.Duration), false));
    }

    private static Meta Meta() => new(
        ProtocolVersion.Version.Split('+')[0],
        new Product("SmartcarClean.Acceptance.Runner", "1.0.0"),
        new Product(".NET", Environment.Version.ToString()),
        new Product(RuntimeInformation.OSDescription, null),
        new Product(RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(), null),
        null);

    private static StepDefinition StepDefinition(StepBinding binding, string id) => new(
        id,
        new StepDefinitionPattern(
            binding.Expression.Source,
            binding.Expression.IsRegex ? StepDefinitionPatternType.REGULAR_EXPRESSION : StepDefinitionPatternType.CUCUMBER_EXPRESSION),
        new SourceReference($"{binding.Method.DeclaringType!.FullName}.{binding.Method.Name}", null, null, null));

    private static TestStepResultStatus Status(StepStatus status) => status switch
    {
        StepStatus.Passed => TestStepResultStatus.PASSED,
        StepStatus.Failed => TestStepResultStatus.FAILED,
        StepStatus.Skipped => TestStepResultStatus.SKIPPED,
        StepStatus.Pending => TestStepResultStatus.PENDING,
        StepStatus.Undefined => TestStepResultStatus.UNDEFINED,
        StepStatus.Ambiguous => TestStepResultStatus.AMBIGUOUS,
        _ => TestStepResultStatus.UNKNOWN,
    };

    private static string TestCaseId(ScenarioResult scenario) => $"{scenario.Scenario.PickleId}-case";

    private static string TestStepId(StepResult step) => $"{step.PickleStepId}-step";

    private static Timestamp Time(DateTimeOffset at) => Converters.ToTimestamp(at.UtcDateTime);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>Cucumber's enums are written as their [Description]: "Context", "text/x.cucumber.gherkin+plain", "PASSED".</summary>
internal sealed class DescriptionEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override System.Text.Json.Serialization.JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (System.Text.Json.Serialization.JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("The report is only written.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            var name = value.ToString();
            writer.WriteStringValue(typeof(T).GetField(name)?.GetCustomAttribute<DescriptionAttribute>()?.Description ?? name);
        }
    }
}
