using System.Collections.Specialized;
using System.Globalization;
using Gherkin;
using Gherkin.CucumberMessages;
using Gherkin.CucumberMessages.Pickles;
using Io.Cucumber.Messages.Types;
using Reqnroll;
using DataTable = Reqnroll.DataTable;
using Reqnroll.Formatters.RuntimeSupport;

namespace SmartcarClean.Acceptance.Bridge;

/// <summary>One step of a scenario as the runner is given it, with where it is written.</summary>
internal sealed record GherkinStep(PickleStepType? Type, string Keyword, string Text, int Line, DataTable? Table, string? DocString)
{
    public override string ToString() => $"{Keyword.Trim()} {Text}";
}

/// <summary>
/// One pickle: a scenario, or one example row of an outline, with the Background's steps first. Tags are its own
/// (scenario and examples) and the inherited ones (feature and rule), as Reqnroll's <see cref="ScenarioInfo"/> keeps them.
/// </summary>
internal sealed record GherkinScenario(
    string Name,
    string Title,
    string Description,
    int Line,
    int PickleIndex,
    IReadOnlyList<string> OwnTags,
    IReadOnlyList<string> InheritedTags,
    IReadOnlyList<(string Name, string Value)> Arguments,
    Rule? Rule,
    IReadOnlyList<GherkinStep> Steps)
{
    public IEnumerable<string> Tags => InheritedTags.Concat(OwnTags).Distinct();

    public ScenarioInfo ToScenarioInfo()
    {
        var arguments = new OrderedDictionary();
        foreach (var (name, value) in Arguments)
        {
            arguments[name] = value;
        }

        return new ScenarioInfo(
            Title, Description, [.. OwnTags], arguments, [.. InheritedTags], PickleIndex.ToString(CultureInfo.InvariantCulture));
    }

    public RuleInfo? ToRuleInfo() => Rule is null ? null : new RuleInfo(Rule.Name, Rule.Description, [.. Rule.Tags.Select(Untagged)]);

    internal static string Untagged(Tag tag) => tag.Name.TrimStart('@');
}

/// <summary>
/// A .feature file parsed and compiled to pickles by Cucumber's own Gherkin parser, together with the Cucumber
/// messages (source, Gherkin document, pickles) that Reqnroll's formatters need to report it.
/// </summary>
internal sealed class GherkinFeature : IFeatureLevelCucumberMessages
{
    private GherkinFeature(string relativePath, Source source, GherkinDocument document, IReadOnlyList<Pickle> pickles, IReadOnlyList<GherkinScenario> scenarios)
    {
        RelativePath = relativePath;
        Source = source;
        GherkinDocument = document;
        Pickles = pickles;
        Scenarios = scenarios;
    }

    /// <summary>For example "Features/Connect.feature": what failure messages print.</summary>
    public string RelativePath { get; }

    public string Title => GherkinDocument.Feature?.Name ?? Path.GetFileNameWithoutExtension(RelativePath);

    public IReadOnlyList<GherkinScenario> Scenarios { get; }

    public bool HasMessages => true;

    public Source Source { get; }

    public GherkinDocument GherkinDocument { get; }

    public IEnumerable<Pickle> Pickles { get; }

    public FeatureInfo ToFeatureInfo()
    {
        var feature = GherkinDocument.Feature;
        return new FeatureInfo(
            new CultureInfo(feature?.Language ?? "en"),
            Path.GetDirectoryName(RelativePath) ?? string.Empty,
            Title,
            feature?.Description ?? string.Empty,
            ProgrammingLanguage.CSharp,
            [.. feature?.Tags.Select(GherkinScenario.Untagged) ?? []],
            this);
    }

    public static GherkinFeature Load(string fullPath, string relativePath)
    {
        var text = File.ReadAllText(fullPath);
        GherkinDocument document;
        List<Pickle> pickles;
        try
        {
            // Ids prefixed with the file's path: unique across the files of a run, as Cucumber messages need.
            var ids = new FileIdGenerator(relativePath);
            var ast = new Parser().Parse(new StringReader(text));
            document = new AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(ast, relativePath);
            pickles = new PickleCompiler(ids).Compile(document);
        }
        catch (ParserException exception)
        {
            throw new InvalidOperationException($"Cannot parse {relativePath}: {exception.Message}", exception);
        }

        var source = new Source(relativePath, text, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN);
        var scenarios = pickles.Select((pickle, index) => Compile(document, pickle, index)).ToList();
        return new GherkinFeature(relativePath, source, document, pickles, scenarios);
    }

    private static GherkinScenario Compile(GherkinDocument document, Pickle pickle, int index)
    {
        var feature = document.Feature;
        var children = feature.Children
            .SelectMany(child => child.Rule?.Children.Select(ruleChild => (ruleChild.Background, ruleChild.Scenario, child.Rule))
                ?? [(child.Background, child.Scenario, Rule: (Rule?)null)])
            .ToList();
        var (_, scenario, rule) = children.Single(child => child.Scenario?.Id == pickle.AstNodeIds[0]);
        var steps = children.SelectMany(child => child.Background?.Steps ?? child.Scenario?.Steps ?? []).ToDictionary(step => step.Id);

        var name = pickle.Name;
        var line = (int)scenario!.Location.Line;
        List<(string, string)> arguments = [];
        if (pickle.AstNodeIds.Count > 1)
        {
            // An outline's example row: numbered, so every row is its own, stable test case name.
            var rows = scenario.Examples.SelectMany(examples => examples.TableBody.Select(row => (examples.TableHeader, Row: row))).ToList();
            var rowIndex = rows.FindIndex(row => row.Row.Id == pickle.AstNodeIds[1]);
            var (header, row) = rows[rowIndex];
            name = $"{pickle.Name} [example {rowIndex + 1}]";
            line = (int)row.Location.Line;
            arguments = [.. header!.Cells.Zip(row.Cells, (h, c) => (h.Value, c.Value))];
        }

        var inherited = feature.Tags.Concat(rule?.Tags ?? []).Select(GherkinScenario.Untagged).Distinct().ToList();
        var own = pickle.Tags.Select(tag => tag.Name.TrimStart('@')).Where(tag => !inherited.Contains(tag)).Distinct().ToList();
        var compiledSteps = pickle.Steps
            .Select(step => new GherkinStep(
                step.Type,
                steps[step.AstNodeIds[0]].Keyword,
                step.Text,
                (int)steps[step.AstNodeIds[0]].Location.Line,
                TableOf(step.Argument?.DataTable),
                step.Argument?.DocString?.Content))
            .ToList();
        return new GherkinScenario(
            name, pickle.Name, scenario.Description ?? string.Empty, line, index, own, inherited, arguments, rule, compiledSteps);
    }

    private static DataTable? TableOf(PickleTable? table)
    {
        if (table is null || table.Rows.Count == 0)
        {
            return null;
        }

        var dataTable = new DataTable([.. table.Rows[0].Cells.Select(cell => cell.Value)]);
        foreach (var row in table.Rows.Skip(1))
        {
            dataTable.AddRow([.. row.Cells.Select(cell => cell.Value)]);
        }

        return dataTable;
    }

    /// <summary>"Features/Connect.feature#12": the same on every load, and unique across the files of a run.</summary>
    private sealed class FileIdGenerator(string relativePath) : IIdGenerator
    {
        private int _next;

        public string GetNewId() => $"{relativePath}#{_next++}";
    }
}
