using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SmartcarClean.Acceptance.Runner;

/// <summary>Writes a ready-to-paste step definition for an undefined step.</summary>
internal static partial class StepSnippet
{
    public static string For(ScenarioStep step)
    {
        var keyword = step.KeywordType ?? StepKeyword.Given;
        var expression = new StringBuilder();
        var name = new StringBuilder(keyword.ToString());
        var parameters = new List<string>();
        var position = 0;
        foreach (Match token in Token().Matches(step.Text))
        {
            var literal = step.Text[position..token.Index];
            expression.Append(EscapeLiteral(literal));
            name.Append(PascalCase(literal));
            position = token.Index + token.Length;
            var (parameter, type) = token.Groups["string"].Success ? ("{string}", "string")
                : token.Groups["float"].Success ? ("{float}", "double")
                : ("{int}", "int");
            expression.Append(parameter);
            parameters.Add($"{type} p{parameters.Count}");
        }

        var rest = step.Text[position..];
        expression.Append(EscapeLiteral(rest));
        name.Append(PascalCase(rest));
        if (step.Table is not null)
        {
            parameters.Add("DataTable table");
        }
        else if (step.DocString is not null)
        {
            parameters.Add("string docString");
        }

        var source = expression.ToString().Replace("\"", "\"\"", StringComparison.Ordinal);
        return $"[{keyword}(@\"{source}\")] public void {name}({string.Join(", ", parameters)}) => throw new PendingStepException();";
    }

    // A quoted string, then a decimal number, then an integer, each standing alone (not inside a word).
    [GeneratedRegex("""(?<string>"[^"]*"|'[^']*')|(?<![\w.])(?<float>-?\d+\.\d+)(?![\w.])|(?<![\w.])(?<int>-?\d+)(?![\w.])""", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    [GeneratedRegex(@"[^\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonWordCharacters();

    private static string EscapeLiteral(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("{", @"\{", StringComparison.Ordinal);

    private static string PascalCase(string text) =>
        string.Concat(NonWordCharacters().Split(text)
            .Where(word => word.Length > 0)
            .Select(word => char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..]));
}
