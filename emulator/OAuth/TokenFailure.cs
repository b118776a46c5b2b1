namespace SmartcarClean.Emulator.OAuth;

/// <summary>Why a code exchange or refresh issued no tokens.</summary>
public enum TokenFailure
{
    None,
    InvalidCode,
    RedirectUriMismatch,
    InvalidRefreshToken,
}
