namespace SmartcarClean.Acceptance.Runner;

/// <summary>What a hook or step may know about the running scenario (Reqnroll shape: tags without '@').</summary>
public sealed class ScenarioInfo(string title, IReadOnlyList<string> tags)
{
    public string Title { get; } = title;

    public IReadOnlyList<string> Tags { get; } = tags;
}
