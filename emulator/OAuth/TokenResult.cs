namespace SmartcarClean.Emulator.OAuth;

/// <summary>The outcome of a code exchange or refresh: the tokens, or the <see cref="TokenFailure"/>.</summary>
public sealed record TokenResult(TokenPair? Tokens, TokenFailure Failure)
{
    public static TokenResult Failed(TokenFailure failure) => new(null, failure);

    public static TokenResult Issued(TokenPair tokens) => new(tokens, TokenFailure.None);
}
