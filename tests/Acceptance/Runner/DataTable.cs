namespace SmartcarClean.Acceptance.Runner;

/// <summary>A step's data table: the first row is the header, every other row is keyed by it.</summary>
public sealed class DataTable
{
    public DataTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        Header = header;
        Rows = rows
            .Select(cells => (IReadOnlyDictionary<string, string>)header
                .Select((column, i) => (column, value: i < cells.Count ? cells[i] : string.Empty))
                .ToDictionary(pair => pair.column, pair => pair.value, StringComparer.Ordinal))
            .ToList();
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }
}
