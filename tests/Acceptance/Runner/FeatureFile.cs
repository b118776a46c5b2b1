using Gherkin;
using Gherkin.CucumberMessages;
using Gherkin.CucumberMessages.Pickles;
using Io.Cucumber.Messages.Types;

namespace SmartcarClean.Acceptance.Runner;

/// <summary>One step of a compiled scenario, with the keyword and line as written in the feature file.</summary>
internal sealed record ScenarioStep(
    string Keyword, StepKeyword? KeywordType, string Text, int Line, DataTable? Table, string? DocString, string PickleStepId)
{
    public string Title => $"{Keyword.Trim()} {Text}";
}

/// <summary>A pickle: one scenario, or one example row of an outline, with the Background's steps first.</summary>
internal sealed record CompiledScenario(
    string Name, int Line, IReadOnlyList<string> Tags, IReadOnlyList<ScenarioStep> Steps, string PickleId, string? Rule);

/// <summary>A parsed .feature file, compiled to pickles by Cucumber's own Gherkin parser.</summary>
internal sealed class FeatureFile
{
    private FeatureFile(string relativePath, string featureName, IReadOnlyList<CompiledScenario> scenarios, CucumberSource cucumber)
    {
        RelativePath = relativePath;
        FeatureName = featureName;
        Scenarios = scenarios;
        Cucumber = cucumber;
    }

    /// <summary>For example "Features/Connect.feature": what failure messages print.</summary>
    public string RelativePath { get; }

    public string FeatureName { get; }

    public IReadOnlyList<CompiledScenario> Scenarios { get; }

    /// <summary>The file as Cucumber Messages see it, for the ndjson report.</summary>
    public CucumberSource Cucumber { get; }

    public static FeatureFile Load(string fullPath, string relativePath)
    {
        Io.Cucumber.Messages.Types.GherkinDocument document;
        List<Pickle> pickles;
        var text = File.ReadAllText(fullPath);
        try
        {
            // Ids numbered per file, prefixed with its path: the same on every load, and unique across files.
            var ids = new FileIdGenerator(relativePath);
            var ast = new Parser().Parse(new StringReader(text));
            document = new AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(ast, relativePath);
            pickles = new PickleCompiler(ids).Compile(document);
        }
        catch (ParserException exception)
        {
            throw new InvalidOperationException($"Cannot parse {relativePath}: {exception.Message}", exception);
        }

        var cucumber = new CucumberSource(text, document, pickles);
        if (document.Feature is null)
        {
            return new FeatureFile(relativePath, Path.GetFileNameWithoutExtension(fullPath), [], cucumber);
        }

        var children = document.Feature.Children
            .SelectMany(child => child.Rule?.Children.Select(ruleChild => (ruleChild.Background, ruleChild.Scenario, Rule: child.Rule.Name))
                ?? [(child.Background, child.Scenario, Rule: (string?)null)])
            .ToList();
        var steps = children
            .SelectMany(child => child.Background?.Steps ?? child.Scenario?.Steps ?? [])
            .ToDictionary(step => step.Id);
        var exampleRows = children
            .Where(child => child.Scenario is not null)
            .ToDictionary(
                child => child.Scenario!.Id,
                child => child.Scenario!.Examples.SelectMany(examples => examples.TableBody).Select(row => row.Id).ToList());

        var rules = children
            .Where(child => child.Scenario is not null)
            .ToDictionary(child => child.Scenario!.Id, child => child.Rule);

        var scenarios = pickles
            .Select(pickle => Compile(pickle, steps, exampleRows, rules[pickle.AstNodeIds[0]]))
            .ToList();
        return new FeatureFile(relativePath, document.Feature.Name, scenarios, cucumber);
    }

    private static CompiledScenario Compile(
        Pickle pickle, Dictionary<string, Step> steps, Dictionary<string, List<string>> exampleRows, string? rule)
    {
        var name = pickle.Name;
        if (pickle.AstNodeIds.Count > 1)
        {
            // An outline's example row: number it so every row is its own, stable test case name.
            var rowNumber = exampleRows[pickle.AstNodeIds[0]].IndexOf(pickle.AstNodeIds[1]) + 1;
            name = $"{pickle.Name} [example {rowNumber}]";
        }

        var compiledSteps = pickle.Steps
            .Select(pickleStep =>
            {
                var source = steps[pickleStep.AstNodeIds[0]];
                return new ScenarioStep(
                    source.Keyword,
                    KeywordOf(pickleStep.Type),
                    pickleStep.Text,
                    (int)source.Location.Line,
                    TableOf(pickleStep.Argument?.DataTable),
                    pickleStep.Argument?.DocString?.Content,
                    pickleStep.Id);
            })
            .ToList();
        var tags = pickle.Tags.Select(tag => tag.Name.TrimStart('@')).Distinct().ToList();
        return new CompiledScenario(name, (int)pickle.Location.Line, tags, compiledSteps, pickle.Id, rule);
    }

    private static StepKeyword? KeywordOf(PickleStepType? type) => type switch
    {
        PickleStepType.CONTEXT => StepKeyword.Given,
        PickleStepType.ACTION => StepKeyword.When,
        PickleStepType.OUTCOME => StepKeyword.Then,
        _ => null,
    };

    private static DataTable? TableOf(PickleTable? table)
    {
        if (table is null || table.Rows.Count == 0)
        {
            return null;
        }

        var rows = table.Rows.Select(row => (IReadOnlyList<string>)row.Cells.Select(cell => cell.Value).ToList()).ToList();
        return new DataTable(rows[0], rows.Skip(1));
    }
}

/// <summary>A feature file's text, Gherkin document and pickles, as Cucumber Messages carry them.</summary>
internal sealed record CucumberSource(string Text, Io.Cucumber.Messages.Types.GherkinDocument Document, IReadOnlyList<Pickle> Pickles);

/// <summary>"Features/Connect.feature#12": stable from run to run, and unique across the files of a run.</summary>
internal sealed class FileIdGenerator(string relativePath) : IIdGenerator
{
    private int _next;

    public string GetNewId() => $"{relativePath}#{_next++}";
}
