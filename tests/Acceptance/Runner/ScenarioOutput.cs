namespace SmartcarClean.Acceptance.Runner;

/// <summary>Lets a step or hook add text and files to the scenario's report (Reqnroll's IReqnrollOutputHelper).</summary>
public interface IReqnrollOutputHelper
{
    void WriteLine(string message);

    /// <summary>A file (screenshot, trace, log) the reports link to; give its full path.</summary>
    void AddAttachment(string filePath);
}

/// <summary>One scenario's output and attachments; created with the scenario scope.</summary>
internal sealed class ScenarioOutput : IReqnrollOutputHelper
{
    private readonly List<string> _lines = [];
    private readonly List<string> _attachments = [];

    public IReadOnlyList<string> Lines => _lines;

    public IReadOnlyList<string> Attachments => _attachments;

    public void WriteLine(string message) => _lines.Add(message);

    public void AddAttachment(string filePath) => _attachments.Add(Path.GetFullPath(filePath));
}
