namespace SmartcarClean.Emulator.World;

/// <summary><c>DELETE /v3/connections/{id}</c>: an application disconnects one vehicle of one user ("Remove Connection").</summary>
public sealed partial class SmartcarWorld
{
    /// <summary>
    /// Removes the application's connection: the vehicle leaves <c>/v3/connections</c>, v3 calls for it answer as for a
    /// vehicle not connected, and the user's v2.0 tokens stop covering it (as <c>DELETE /application</c> does). The
    /// user's other vehicles stay connected; connecting again through Connect restores it.
    /// </summary>
    public ConnectionDeletion DeleteConnection(string clientId, string connectionId)
    {
        lock (_gate)
        {
            var connection = _applications.Keys.SelectMany(ConnectionsOf).FirstOrDefault(c => c.Id == connectionId);
            if (connection is null)
            {
                return ConnectionDeletion.NotFound;
            }

            if (connection.ClientId != clientId)
            {
                return ConnectionDeletion.OtherApplication;
            }

            Disconnect(clientId, connection.User.Id, connection.Vehicle.Id);
            return ConnectionDeletion.Deleted;
        }
    }
}
