using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Infrastructure.Persistence;

/// <summary>
/// The stored readings (ADR-011): one row per car, of a classic connection (ConnectedVehicle) or a server-side link
/// (LinkedVehicle), exactly one of the two and deleted with it; and one row per reading. A reading's value (the location
/// among them) is encrypted like the tokens, under a purpose of its own.
/// </summary>
internal static class VehicleReadingsModel
{
    // Changing this string makes every stored reading unreadable (then read as none: the next view asks Smartcar).
    public const string ProtectionPurpose = "SmartcarClean.Readings.v1";

    public static void Configure(ModelBuilder builder, IDataProtectionProvider dataProtection)
    {
        var encrypted = AppDbContext.EncryptedStringConverter(dataProtection.CreateProtector(ProtectionPurpose));
        builder.Entity<VehicleReadings>(vehicle =>
        {
            vehicle.HasKey(v => v.Id);
            // One row per car (a second first view's row is refused, see ReadingsStore), deleted with the car.
            vehicle.HasOne<ConnectedVehicle>().WithOne().HasForeignKey<VehicleReadings>(v => v.ConnectedVehicleId)
                .IsRequired(false).OnDelete(DeleteBehavior.Cascade);
            vehicle.HasOne<LinkedVehicle>().WithOne().HasForeignKey<VehicleReadings>(v => v.LinkedVehicleId)
                .IsRequired(false).OnDelete(DeleteBehavior.Cascade);
            vehicle.ToTable(t => t.HasCheckConstraint(
                "CK_VehicleReadings_OneVehicle", "(\"ConnectedVehicleId\" IS NULL) <> (\"LinkedVehicleId\" IS NULL)"));
            vehicle.HasMany(v => v.Readings).WithOne().HasForeignKey("VehicleReadingsId").IsRequired().OnDelete(DeleteBehavior.Cascade);
            vehicle.Navigation(v => v.Readings).HasField("_readings");
        });

        builder.Entity<StoredReading>(reading =>
        {
            reading.HasKey(r => r.Id);
            reading.HasIndex("VehicleReadingsId", nameof(StoredReading.Path)).IsUnique();
            reading.Property(r => r.Path).HasMaxLength(64);
            reading.Property(r => r.Value).HasColumnName("ValueEncrypted").HasConversion((ValueConverter)encrypted); // null stays null
            reading.Property(r => r.UnitSystem).HasMaxLength(16);
            reading.OwnsOne(r => r.Failure, failure =>
            {
                failure.Property(f => f.StatusCode).HasColumnName("FailureStatusCode");
                failure.Property(f => f.Type).HasColumnName("FailureType").HasMaxLength(64);
                failure.Property(f => f.Code).HasColumnName("FailureCode").HasMaxLength(64);
                failure.Property(f => f.Message).HasColumnName("FailureMessage").HasMaxLength(1024);
                failure.Property(f => f.RetryAt).HasColumnName("FailureRetryAt");
            });
        });
    }
}
