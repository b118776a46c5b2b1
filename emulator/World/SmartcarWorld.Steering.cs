using System.Text.RegularExpressions;
using SmartcarClean.Emulator.OAuth;
using SmartcarClean.Emulator.Steering;

namespace SmartcarClean.Emulator.World;

/// <summary>Operations that steer the world from tests and the admin API: seeding, expiring, revoking, inspecting.</summary>
public sealed partial class SmartcarWorld
{
    private const int MinYear = 1900;
    private const int MaxYear = 2100;

    /// <summary>
    /// Pre-creates a user so that a later Connect login with this email gets exactly these vehicles.
    /// Throws <see cref="ArgumentException"/> for bad input and <see cref="InvalidOperationException"/>
    /// when the email is already known (reset first), so a seed never silently changes a live garage.
    /// </summary>
    public SmartcarUser SeedUser(string email, IReadOnlyList<SeededVehicle> vehicles)
    {
        ArgumentNullException.ThrowIfNull(vehicles);
        var key = email?.Trim() ?? "";
        if (!key.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"email must be an email address, got '{email}'.", nameof(email));
        }

        if (vehicles.Count == 0)
        {
            throw new ArgumentException("vehicles must list at least one vehicle.", nameof(vehicles));
        }

        var garage = vehicles.Select(CreateSeededVehicle).ToList();
        lock (_gate)
        {
            if (_usersByEmail.ContainsKey(key))
            {
                throw new InvalidOperationException($"A user with email {key} already exists; reset the emulator first.");
            }

            var user = new SmartcarUser(Guid.NewGuid().ToString(), key, garage);
            _usersByEmail[key] = user;
            return user;
        }
    }

    /// <summary>Makes an access or refresh token expire now. False when the token is unknown.</summary>
    public bool ExpireToken(string token)
    {
        lock (_gate)
        {
            if (_accessTokens.TryGetValue(token, out var access))
            {
                _accessTokens[token] = access with { ExpiresAt = Now };
                return true;
            }

            if (_refreshTokens.TryGetValue(token, out var refresh))
            {
                _refreshTokens[token] = new RefreshToken(token, refresh.Grant, Now) { FirstUsedAt = refresh.FirstUsedAt };
                return true;
            }

            return false;
        }
    }

    /// <summary>Forgets one access or refresh token, as if revoked. False when the token is unknown.</summary>
    public bool RevokeToken(string token)
    {
        lock (_gate)
        {
            return _accessTokens.Remove(token) | _refreshTokens.Remove(token);
        }
    }

    /// <summary>
    /// The user disconnects the application: every token and pending code issued from the same Connect
    /// approval as <paramref name="token"/> stops working. False when the token is unknown.
    /// </summary>
    public bool RevokeGrant(string token)
    {
        lock (_gate)
        {
            var grant = _accessTokens.GetValueOrDefault(token)?.Grant ?? _refreshTokens.GetValueOrDefault(token)?.Grant;
            if (grant is null)
            {
                return false;
            }

            RemoveWhere(_accessTokens, t => ReferenceEquals(t.Grant, grant));
            RemoveWhere(_refreshTokens, t => ReferenceEquals(t.Grant, grant));
            RemoveWhere(_codes, c => ReferenceEquals(c.Grant, grant));
            return true;
        }
    }

    public WorldSnapshot Snapshot()
    {
        var connections = Applications.SelectMany(a => ConnectionsOf(a.ClientId)).Select(c => (c.ClientId, c.Vehicle.Id)).ToList();
        var plan = Plans.Snapshot(connections);
        lock (_gate)
        {
            var now = Now;
            var tokens = _accessTokens.Values.Select(t => (t.Grant, Token: new TokenSnapshot("access", t.Value, t.ExpiresAt, now < t.ExpiresAt)))
                .Concat(_refreshTokens.Values.Select(t => (t.Grant, Token: new TokenSnapshot(
                    "refresh", t.Value, t.ExpiresAt, now < t.ExpiresAt && !(now >= t.FirstUsedAt + Lifetimes.RefreshGracePeriod)))));
            var grants = tokens
                .GroupBy(t => t.Grant, ReferenceEqualityComparer.Instance)
                .Select(g => new GrantSnapshot((Grant)g.Key!, [.. g.Select(t => t.Token).OrderBy(t => t.Kind, StringComparer.Ordinal)]))
                .ToList();
            return new WorldSnapshot(now, [.. _applications.Values], [.. _usersByEmail.Values], grants, plan);
        }
    }

    private static Vehicle CreateSeededVehicle(SeededVehicle seed)
    {
        var brand = VehicleCatalog.Find(seed.Make)
            ?? throw new ArgumentException(
                $"make '{seed.Make}' is not a Connect brand; use one of {string.Join(", ", VehicleCatalog.Brands.Select(b => b.Make))}.");
        if (string.IsNullOrWhiteSpace(seed.Model))
        {
            throw new ArgumentException("model is required.");
        }

        if (seed.Year is < MinYear or > MaxYear)
        {
            throw new ArgumentException($"year must be between {MinYear} and {MaxYear}, got {seed.Year}.");
        }

        if (seed.Vin is not null && !VinPattern().IsMatch(seed.Vin))
        {
            throw new ArgumentException($"vin must be 17 letters or digits, got '{seed.Vin}'.");
        }

        // The catalog builds the id and a test-style VIN; the seed overrides what it specifies.
        var vehicle = VehicleCatalog.CreateVehicle(brand, 0);
        return vehicle with { Model = seed.Model.Trim(), Year = seed.Year, Vin = seed.Vin?.ToUpperInvariant() ?? vehicle.Vin };
    }

    private static void RemoveWhere<T>(Dictionary<string, T> items, Func<T, bool> predicate)
    {
        foreach (var key in items.Where(i => predicate(i.Value)).Select(i => i.Key).ToList())
        {
            items.Remove(key);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]{17}$")]
    private static partial Regex VinPattern();
}
