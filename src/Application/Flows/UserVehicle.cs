using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Ports;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Flows;

/// <summary>
/// One of the current user's cars as stored, with the flow it was connected through: a classic connection's
/// <see cref="ConnectedVehicle"/> or a server-side link's <see cref="LinkedVehicle"/>. One of the cases below.
/// </summary>
internal abstract record UserVehicle
{
    private UserVehicle()
    {
    }

    public abstract IStoredVehicle Stored { get; }

    public string VehicleId => Stored.SmartcarVehicleId;

    /// <summary>Classic flow: the owner's tokens (in <see cref="Connection"/>) and API v2.0.</summary>
    public sealed record Classic(Connection Connection, ConnectedVehicle Vehicle) : UserVehicle
    {
        public override IStoredVehicle Stored => Vehicle;
    }

    /// <summary>Server-side flow: the application token, <c>sc-user-id</c> (<see cref="Link"/>) and API v3.</summary>
    public sealed record ServerSide(SmartcarUserLink Link, LinkedVehicle Vehicle) : UserVehicle
    {
        public override IStoredVehicle Stored => Vehicle;
    }
}

/// <summary>Finds one of the current user's cars by its Smartcar vehicle id, in either flow, without asking Smartcar.</summary>
internal sealed class UserVehicles(IApplicationDbContext db, ICurrentUser user)
{
    /// <summary>
    /// The car in the user's newest classic connection that reaches it, else in their newest server-side link; null when
    /// it is not theirs.
    /// </summary>
    public async Task<UserVehicle?> FindAsync(string vehicleId, CancellationToken cancellationToken)
    {
        var connection = await db.Connections
            .Where(c => c.OwnerId == user.Id && c.Vehicles.Any(v => v.SmartcarVehicleId == vehicleId))
            .OrderByDescending(c => c.ConnectedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (connection is not null)
        {
            return new UserVehicle.Classic(connection, connection.Vehicles.First(v => v.SmartcarVehicleId == vehicleId));
        }

        var link = await db.SmartcarUserLinks
            .Where(l => l.OwnerId == user.Id && l.Vehicles.Any(v => v.SmartcarVehicleId == vehicleId))
            .OrderByDescending(l => l.LinkedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return link is null ? null : new UserVehicle.ServerSide(link, link.Vehicles.First(v => v.SmartcarVehicleId == vehicleId));
    }
}
