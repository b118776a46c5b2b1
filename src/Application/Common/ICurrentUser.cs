namespace SmartcarClean.Application.Common;

/// <summary>Who is asking: for now the browser's anonymous user, kept in an authentication cookie.</summary>
public interface ICurrentUser
{
    string Id { get; }
}
