using System.Text.Json;

namespace SmartcarClean.Emulator;

/// <summary>Reads the registered applications of a standalone emulator from a JSON file.</summary>
public static class ApplicationsFile
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<RegisteredApplication> Load(string path)
    {
        var file = JsonSerializer.Deserialize<Contents>(File.ReadAllText(path), JsonOptions)
            ?? throw new InvalidDataException($"{path} is empty.");
        return file.Applications;
    }

    private sealed record Contents(IReadOnlyList<RegisteredApplication> Applications);
}
