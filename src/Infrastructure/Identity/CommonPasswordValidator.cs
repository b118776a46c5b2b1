using Microsoft.AspNetCore.Identity;

namespace SmartcarClean.Infrastructure.Identity;

/// <summary>
/// Refuses the most common passwords whatever their case (OWASP ASVS 6.2.4): the ranked list in
/// <c>common-passwords.txt</c>, embedded in this assembly and read once.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public const string ErrorCode = "PasswordTooCommon";

    private const string ListResource = "SmartcarClean.Infrastructure.Identity.common-passwords.txt";

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(Load);

    internal static int Count => CommonPasswords.Value.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is not null && CommonPasswords.Value.Contains(password)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = ErrorCode,
                Description = "This password is one of the most common ones; choose another.",
            })
            : IdentityResult.Success);

    private static HashSet<string> Load()
    {
        using var list = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream(ListResource)
            ?? throw new InvalidOperationException($"The embedded resource {ListResource} is missing.");
        using var reader = new StreamReader(list);
        var passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line);
            }
        }

        return passwords;
    }
}
