using System.Reflection;

namespace SmartcarClean.Acceptance.Runner;

/// <summary>
/// Typed data tables, as Reqnroll's <c>CreateSet&lt;T&gt;()</c> and <c>CreateInstance&lt;T&gt;()</c> (in Reqnroll
/// they need <c>using Reqnroll.Assist;</c>). A column matches a property or constructor parameter by name, ignoring
/// case, spaces and underscores ("first name" fills FirstName); values convert like step captures (int, enums, ...); an empty cell leaves a number or enum at its default.
/// A column that matches nothing is an error, so a typo in a feature file never passes silently.
/// </summary>
public static class DataTableExtensions
{
    /// <summary>One object per row.</summary>
    public static IReadOnlyList<T> CreateSet<T>(this DataTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return [.. table.Rows.Select(Create<T>)];
    }

    /// <summary>
    /// One object from a two-column "Field | Value" table (one row per property), or from a table's only row.
    /// </summary>
    public static T CreateInstance<T>(this DataTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Header.Count == 2 && IsName(table.Header[0], "field") && IsName(table.Header[1], "value"))
        {
            return Create<T>(table.Rows.ToDictionary(row => row[table.Header[0]], row => row[table.Header[1]], StringComparer.Ordinal));
        }

        return table.Rows.Count == 1
            ? Create<T>(table.Rows[0])
            : throw new ArgumentException(
                $"CreateInstance<{typeof(T).Name}> needs a \"Field | Value\" table or a table with one row; this one has {table.Rows.Count} rows.", nameof(table));
    }

    private static T Create<T>(IReadOnlyDictionary<string, string> row)
    {
        var type = typeof(T);
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new ArgumentException($"{type.Name} has no public constructor, so a table row cannot become one.");
        var parameters = constructor.GetParameters();
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
        var unknown = row.Keys
            .Where(column => !parameters.Any(p => IsName(column, p.Name!)) && !properties.Any(p => IsName(column, p.Name)))
            .ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Column(s) {string.Join(", ", unknown.Select(c => $"\"{c}\""))} match no property of {type.Name} "
                + $"(it has {string.Join(", ", parameters.Select(p => p.Name).Concat(properties.Select(p => p.Name)).Distinct(StringComparer.Ordinal))}).");
        }

        var arguments = parameters
            .Select(parameter => Value(row, parameter.Name!, parameter.ParameterType, out var value)
                ? value
                : parameter.HasDefaultValue ? parameter.DefaultValue : Default(parameter.ParameterType))
            .ToArray();
        var instance = (T)constructor.Invoke(arguments);
        foreach (var property in properties.Where(p => !parameters.Any(parameter => IsName(p.Name, parameter.Name!))))
        {
            if (Value(row, property.Name, property.PropertyType, out var value))
            {
                property.SetValue(instance, value);
            }
        }

        return instance;
    }

    private static bool Value(IReadOnlyDictionary<string, string> row, string name, Type type, out object? value)
    {
        // An empty cell leaves a non-text member at its default, as if the column were not there.
        var column = row.Keys.FirstOrDefault(column => IsName(column, name));
        if (column is null || (row[column].Length == 0 && type != typeof(string)))
        {
            value = null;
            return false;
        }

        try
        {
            value = StepArgumentConverter.Convert(row[column], type);
            return true;
        }
        catch (FormatException exception)
        {
            throw new FormatException($"Column \"{column}\": {exception.Message}", exception);
        }
    }

    private static object? Default(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;

    private static bool IsName(string column, string name) =>
        string.Equals(Normalize(column), Normalize(name), StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string name) => name.Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
}
