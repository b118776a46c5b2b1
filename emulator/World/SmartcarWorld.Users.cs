namespace SmartcarClean.Emulator.World;

/// <summary><c>DELETE /v3/users/{id}</c>: an application removes a Smartcar user ("all connections and other data is purged").</summary>
public sealed partial class SmartcarWorld
{
    /// <summary>
    /// Purges the user's connections to the application: every grant they gave it stops covering any vehicle (so
    /// <c>/v3/connections</c> lists none and their tokens and pending codes stop working), and Connect forgets the
    /// approval, so connecting again asks again. Other applications keep theirs. False when the user has no connection
    /// to the application (the emulator answers 404 then).
    /// </summary>
    public bool PurgeUser(string clientId, string userId)
    {
        lock (_gate)
        {
            var grants = AllGrants().Where(g => g.ClientId == clientId && g.User.Id == userId).ToList();
            if (!grants.Any(g => g.Vehicles.Any(v => !IsDisconnected(g, v.Id))))
            {
                return false;
            }

            foreach (var grant in grants)
            {
                _disconnected[grant] = new HashSet<string>(grant.Vehicles.Select(v => v.Id), StringComparer.Ordinal);
            }

            _grants.Remove((clientId, userId));
            return true;
        }
    }
}
