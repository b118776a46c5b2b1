using SmartcarClean.Emulator.Applications;

namespace SmartcarClean.Emulator.World;

/// <summary>Registered applications: registering, adding redirect URIs and choosing the default at run time.</summary>
public sealed partial class SmartcarWorld
{
    /// <summary>A snapshot of the registered applications, in client id order.</summary>
    public IReadOnlyList<RegisteredApplication> Applications
    {
        get
        {
            lock (_gate)
            {
                return [.. _applications.Values.OrderBy(a => a.ClientId, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>
    /// Adds the application, or replaces the one with the same client id (secret, redirect URIs, default).
    /// Refused unless the client id and secret are set and every redirect URI follows <see cref="RedirectUriRules"/>.
    /// </summary>
    public RegistrationResult RegisterApplication(RegisteredApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (Problem(application) is { } problem)
        {
            return RegistrationResult.Invalid(problem);
        }

        lock (_gate)
        {
            _applications[application.ClientId] = application;
            return RegistrationResult.Done(application);
        }
    }

    /// <summary>Appends a redirect URI; the default stays as it was. Adding one already registered changes nothing.</summary>
    public RegistrationResult AddRedirectUri(string clientId, string redirectUri) =>
        Change(clientId, app =>
        {
            if (RedirectUriRules.Violation(redirectUri, clientId) is { } problem)
            {
                return RegistrationResult.Invalid(problem);
            }

            return app.RedirectUris.Contains(redirectUri, StringComparer.Ordinal)
                ? RegistrationResult.Done(app)
                : RegistrationResult.Done(app with { RedirectUris = [.. app.RedirectUris, redirectUri] });
        });

    /// <summary>Makes one of the application's registered redirect URIs the default.</summary>
    public RegistrationResult SetDefaultRedirectUri(string clientId, string redirectUri) =>
        Change(clientId, app => app.RedirectUris.Contains(redirectUri, StringComparer.Ordinal)
            ? RegistrationResult.Done(app with { DefaultRedirectUri = redirectUri })
            : RegistrationResult.Invalid($"'{redirectUri}' is not a registered redirect URI of {clientId}; add it first."));

    private RegistrationResult Change(string clientId, Func<RegisteredApplication, RegistrationResult> change)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        lock (_gate)
        {
            if (!_applications.TryGetValue(clientId, out var app))
            {
                return RegistrationResult.Unknown(clientId);
            }

            var result = change(app);
            if (result.Application is { } changed)
            {
                _applications[clientId] = changed;
            }

            return result;
        }
    }

    // The startup set (options or applications.json) obeys the same rules; a bad one stops the emulator from starting.
    private static Dictionary<string, RegisteredApplication> Validated(IEnumerable<RegisteredApplication> applications)
    {
        var byClientId = new Dictionary<string, RegisteredApplication>(StringComparer.Ordinal);
        foreach (var app in applications)
        {
            if (Problem(app) is { } problem)
            {
                throw new ArgumentException(problem, nameof(applications));
            }

            if (!byClientId.TryAdd(app.ClientId, app))
            {
                throw new ArgumentException($"Client id {app.ClientId} is registered twice.", nameof(applications));
            }
        }

        return byClientId;
    }

    private static string? Problem(RegisteredApplication app)
    {
        if (string.IsNullOrWhiteSpace(app.ClientId) || app.ClientId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "An application needs a client id without spaces.";
        }

        if (string.IsNullOrEmpty(app.ClientSecret))
        {
            return $"Application {app.ClientId} needs a client secret.";
        }

        if (app.RedirectUris is null || app.RedirectUris.Count == 0)
        {
            return $"Application {app.ClientId} needs at least one redirect URI.";
        }

        var problem = app.RedirectUris.Select(uri => RedirectUriRules.Violation(uri ?? "", app.ClientId)).FirstOrDefault(p => p is not null);
        if (problem is not null)
        {
            return $"Application {app.ClientId}: {problem}";
        }

        if (app.RedirectUris.Distinct(StringComparer.Ordinal).Count() != app.RedirectUris.Count)
        {
            return $"Application {app.ClientId} lists a redirect URI twice.";
        }

        return app.RedirectUris.Contains(app.DefaultRedirectUri, StringComparer.Ordinal)
            ? null
            : $"Application {app.ClientId}: the default redirect URI '{app.DefaultRedirectUri}' is not one of its redirect URIs.";
    }
}
