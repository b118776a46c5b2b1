using Microsoft.EntityFrameworkCore;
using SmartcarClean.Domain.Connect;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Ports;

/// <summary>The app's data as the use cases see it. EF Core is the unit of work; no repositories over it.</summary>
public interface IApplicationDbContext
{
    DbSet<ConnectAttempt> ConnectAttempts { get; }

    DbSet<Connection> Connections { get; }

    DbSet<SmartcarUserLink> SmartcarUserLinks { get; }

    DbSet<VehicleReadings> VehicleReadings { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);
}
