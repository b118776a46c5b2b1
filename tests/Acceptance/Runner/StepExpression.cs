using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SmartcarClean.Acceptance.Runner;

/// <summary>
/// A step expression: a regular expression when it starts with '^' or ends with '$', otherwise a Cucumber
/// Expression with {int}, {float}, {word}, {string}, optional text in parentheses and plain text ('\' escapes the next character).
/// Cucumber's optional text "(s)" and alternation "a/b" are not supported yet: they match literally.
/// </summary>
internal sealed class StepExpression
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly Regex _regex;
    private readonly int _cucumberParameterCount;
    private readonly bool _isRegex;

    private StepExpression(string source, Regex regex, bool isRegex, int cucumberParameterCount)
    {
        Source = source;
        _regex = regex;
        _isRegex = isRegex;
        _cucumberParameterCount = cucumberParameterCount;
    }

    public string Source { get; }

    public bool IsRegex => _isRegex;

    public static StepExpression Parse(string source)
    {
        if (source.StartsWith('^') || source.EndsWith('$'))
        {
            var pattern = (source.StartsWith('^') ? "" : "^") + source + (source.EndsWith('$') ? "" : "$");
            return new StepExpression(source, new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout), isRegex: true, 0);
        }

        var regex = new StringBuilder("^");
        var literal = new StringBuilder();
        var parameterCount = 0;
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\\' && i + 1 < source.Length)
            {
                literal.Append(source[++i]);
            }
            else if (source[i] == '{')
            {
                var end = source.IndexOf('}', i);
                if (end < 0)
                {
                    throw new FormatException($"Unclosed '{{' in step expression \"{source}\" (write \\{{ for a literal brace).");
                }

                regex.Append(Regex.Escape(literal.ToString()));
                literal.Clear();
                regex.Append(ParameterPattern(source[(i + 1)..end], $"p{parameterCount++}", source));
                i = end;
            }
            else if (source[i] == '(' && source.IndexOf(')', i) is var close and > 0)
            {
                // Optional text, as in "{int} request(s)".
                regex.Append(Regex.Escape(literal.ToString()));
                literal.Clear();
                regex.Append("(?:").Append(Regex.Escape(source[(i + 1)..close])).Append(")?");
                i = close;
            }
            else
            {
                literal.Append(source[i]);
            }
        }

        regex.Append(Regex.Escape(literal.ToString())).Append('$');
        return new StepExpression(source, new Regex(regex.ToString(), RegexOptions.CultureInvariant, MatchTimeout), isRegex: false, parameterCount);
    }

    /// <summary>The captured values in order (null for a regex group that did not take part), or null when the text does not match.</summary>
    public IReadOnlyList<string?>? Match(string text)
    {
        var match = _regex.Match(text);
        if (!match.Success)
        {
            return null;
        }

        return _isRegex
            ? match.Groups.Cast<Group>().Skip(1).Select(group => group.Success ? group.Value : null).ToList()
            : Enumerable.Range(0, _cucumberParameterCount).Select(i => (string?)match.Groups[$"p{i}"].Value).ToList();
    }

    private static string ParameterPattern(string name, string group, string source) => name switch
    {
        "int" => $@"(?<{group}>-?\d+)",
        "float" => $@"(?<{group}>-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)",
        "word" => $@"(?<{group}>[^\s]+)",
        "string" => $@"(?:""(?<{group}>[^""]*)""|'(?<{group}>[^']*)')",
        _ => throw new FormatException(
            $"Unknown parameter type {{{name}}} in step expression \"{source}\"; supported: {{int}}, {{float}}, {{word}}, {{string}}."),
    };
}

/// <summary>Converts a captured string to a step method's parameter type.</summary>
internal static class StepArgumentConverter
{
    public static object? Convert(string? value, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (value is null || (underlying is not null && value.Length == 0))
        {
            return type.IsValueType && underlying is null
                ? throw new FormatException($"No value captured for a parameter of type {type.Name}.")
                : null;
        }

        var target = underlying ?? type;
        if (target == typeof(string))
        {
            return value;
        }

        try
        {
            return target.IsEnum
                ? Enum.Parse(target, value.Replace(" ", "", StringComparison.Ordinal), ignoreCase: true)
                : System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            throw new FormatException($"Cannot convert \"{value}\" to {target.Name}.", exception);
        }
    }
}
