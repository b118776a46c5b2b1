using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Infrastructure.Persistence;

/// <summary>
/// The vehicles each connection reaches, in both flows, with what Smartcar said they are (make, model, year,
/// powertrain): read when a car is connected or refreshed, so the vehicle list is shown without calling Smartcar.
/// </summary>
internal static class StoredVehiclesModel
{
    public static void ConfigureStoredVehicles(this ModelBuilder builder)
    {
        builder.Entity<Connection>().Property(c => c.VehiclesListedAt);
        builder.Entity<ConnectedVehicle>(vehicle => vehicle.OwnsOne(v => v.Description, Describe));

        // Server-side flow: the Smartcar user's vehicles, as GET /v3/connections listed them.
        builder.Entity<SmartcarUserLink>(link =>
        {
            link.HasMany(l => l.Vehicles).WithOne().HasForeignKey("SmartcarUserLinkId").IsRequired().OnDelete(DeleteBehavior.Cascade);
            link.Navigation(l => l.Vehicles).AutoInclude();
        });
        builder.Entity<LinkedVehicle>(vehicle =>
        {
            vehicle.HasKey(v => v.Id);
            vehicle.Property(v => v.SmartcarVehicleId).HasMaxLength(128);
            vehicle.OwnsOne(v => v.Description, Describe);
            // Smartcar's connection for this car (DELETE /v3/connections/{id}) and what it permits, from GET /v3/connections.
            vehicle.Property(v => v.ConnectionId).HasMaxLength(128);
            vehicle.PrimitiveCollection(v => v.Permissions);
        });
    }

    // Null while not read yet: the description is there when its Make column is (Make is never null once read).
    private static void Describe<TVehicle>(OwnedNavigationBuilder<TVehicle, VehicleDescription> description)
        where TVehicle : class
    {
        description.Property(d => d.Make).HasColumnName("Make").HasMaxLength(100);
        description.Property(d => d.Model).HasColumnName("Model").HasMaxLength(100);
        description.Property(d => d.Year).HasColumnName("Year");
        description.Property(d => d.Powertrain).HasColumnName("Powertrain").HasMaxLength(32);
        description.Property(d => d.ReadAt).HasColumnName("DescribedAt");
    }
}
