using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using SmartcarClean.Emulator.OAuth;
using SmartcarClean.Emulator.Plans;

namespace SmartcarClean.Emulator.Hosting;

/// <summary>
/// The emulator's settings as .NET configuration: each <see cref="EmulatorOptions"/> property a value can set, by its
/// own name, under the <c>Emulator</c> section (<c>Emulator__AccessTokenLifetime=00:05:30</c>). The standalone host
/// and the web app's embedded emulator both bind through here, so a setting has one name and one set of checks.
/// </summary>
public static class EmulatorSettings
{
    public const string Section = "Emulator";

    private const string PortRange = "a port number from 0 to 65535";

    // Applications is no setting: applications come from the applications file or the steering API.
    private static readonly PropertyInfo[] Settable =
        [.. typeof(EmulatorOptions).GetProperties().Where(property => property.SetMethod is { IsPublic: true })];

    /// <summary>Every setting's name, as the options name it.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Settable.Select(property => property.Name)];

    /// <summary>
    /// Binds <paramref name="section"/> onto new options. False, with one line naming the setting and what it expects,
    /// for a value of the wrong form or out of range, and for a name that is neither a setting nor one of
    /// <paramref name="hostSettings"/> (the host's own settings in the same section): a misspelt setting would
    /// otherwise be ignored without a word.
    /// </summary>
    public static bool TryBind(
        IConfigurationSection section,
        IReadOnlyCollection<string> hostSettings,
        [NotNullWhen(true)] out EmulatorOptions? options,
        out string error)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(hostSettings);
        options = null;
        error = "";
        foreach (var setting in section.GetChildren())
        {
            var property = Array.Find(Settable, p => p.Name.Equals(setting.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                if (!hostSettings.Contains(setting.Key, StringComparer.OrdinalIgnoreCase))
                {
                    error = $"{setting.Path} is not a setting; the settings under {Section} are {string.Join(", ", Names.Concat(hostSettings))}.";
                    return false;
                }
            }
            else if (!Converts(setting.Value, property.PropertyType))
            {
                error = $"{setting.Path} must be {Expected(property)}, got '{setting.Value}'.";
                return false;
            }
        }

        var bound = new EmulatorOptions();
        section.Bind(bound);
        if (bound.Port is < 0 or > 65535)
        {
            error = $"{Section}:{nameof(EmulatorOptions.Port)} must be {PortRange}, got '{bound.Port}'.";
            return false;
        }

        try
        {
            // The same check SmartcarEmulator.Start makes, so both hosts refuse a lifetime in the same words.
            TokenLifetimes.From(bound);
        }
        catch (ArgumentOutOfRangeException e)
        {
            error = $"{Section}:{RuleOf(e)}, got '{e.ActualValue}'.";
            return false;
        }

        // The plan's own check, which SmartcarEmulator.Start and SetPlan make too.
        if (Plan.From(bound).Problem() is { } problem)
        {
            error = $"{Section}:{problem}";
            return false;
        }

        options = bound;
        return true;
    }

    /// <summary>Whether the configuration binder can read <paramref name="value"/> as <paramref name="type"/>: it uses the same converter.</summary>
    private static bool Converts(string? value, Type type)
    {
        try
        {
            return value is not null && TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value) is not null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    private static string Expected(PropertyInfo property) =>
        property.Name == nameof(EmulatorOptions.Port) ? PortRange
        : property.PropertyType == typeof(TimeSpan) ? "a duration as [d.]hh:mm:ss, e.g. 00:05:30"
        : property.PropertyType == typeof(bool) ? "true or false"
        : property.PropertyType == typeof(int?) ? Plan.CountRule
        : $"a {property.PropertyType.Name}";

    /// <summary>
    /// TokenLifetimes' own sentence without its full stop, e.g. "AccessTokenLifetime must be at least one second":
    /// .NET appends " (Parameter '...')" and the actual value on a line of its own, which a one-line error does without.
    /// </summary>
    private static string RuleOf(ArgumentOutOfRangeException exception)
    {
        var sentence = exception.Message.Split(Environment.NewLine)[0];
        var parameter = sentence.IndexOf(" (Parameter ", StringComparison.Ordinal);
        return (parameter < 0 ? sentence : sentence[..parameter]).TrimEnd('.');
    }
}
