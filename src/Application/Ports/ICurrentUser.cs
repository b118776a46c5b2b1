namespace SmartcarClean.Application.Ports;

/// <summary>Who is asking: the signed-in user, and the sign-in session (one browser) the request comes from.</summary>
public interface ICurrentUser
{
    /// <summary>The user's id; connections belong to it.</summary>
    string Id { get; }

    /// <summary>A random id given at sign-in, different for every sign-in; Connect's state is bound to it.</summary>
    string SessionId { get; }
}
