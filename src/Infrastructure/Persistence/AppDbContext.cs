using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Logging;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Tokens;
using SmartcarClean.Domain.Connect;
using SmartcarClean.Domain.Vehicles;
using SmartcarClean.Infrastructure.Identity;
using SmartcarClean.Infrastructure.KeyRing;

namespace SmartcarClean.Infrastructure.Persistence;

/// <summary>
/// The app's data and its user accounts (Identity's tables) in one database: the model, as SQLite stores it, with
/// SQLite's migrations (<c>Migrations/</c>). <see cref="PostgreSqlAppDbContext"/> is the same model on PostgreSQL, with
/// migrations of its own (ADR-012).
/// </summary>
public class AppDbContext : IdentityDbContext<AppUser>, IApplicationDbContext, IDataProtectionKeyContext
{
    public AppDbContext(DbContextOptions<AppDbContext> options, IDataProtectionProvider dataProtection)
        : this((DbContextOptions)options, dataProtection)
    {
    }

    /// <summary>For the context of another engine: the same model, its own options and migrations.</summary>
    protected AppDbContext(DbContextOptions options, IDataProtectionProvider dataProtection)
        : base(options) => DataProtection = dataProtection;

    // Changing this string makes every stored token unreadable: it names the purpose the tokens were encrypted for.
    internal const string TokenProtectionPurpose = "SmartcarClean.Tokens.v1";

    /// <summary>The key ring the token columns are encrypted with; the model is built (and cached by EF) per key ring.</summary>
    internal IDataProtectionProvider DataProtection { get; }

    public DbSet<ConnectAttempt> ConnectAttempts => Set<ConnectAttempt>();

    public DbSet<Connection> Connections => Set<Connection>();

    public DbSet<SmartcarUserLink> SmartcarUserLinks => Set<SmartcarUserLink>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<VehicleReadings> VehicleReadings => Set<VehicleReadings>();

    /// <summary>The Data Protection key ring, shared by every app instance on this database (ADR-013).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Identity's users, roles, claims, logins and tokens tables.
        base.OnModelCreating(builder);

        builder.Entity<ConnectAttempt>(attempt =>
        {
            attempt.HasKey(a => a.Id);
            attempt.HasIndex(a => a.State).IsUnique();
            attempt.Property(a => a.State).HasMaxLength(64);
            attempt.Property(a => a.OwnerId).HasMaxLength(64);
            attempt.Property(a => a.SessionId).HasMaxLength(64);
            attempt.Property(a => a.RedirectUri).HasMaxLength(2048);
            // Two redirects racing with one state: the second save fails instead of redeeming the state twice.
            attempt.Property(a => a.UsedAt).IsConcurrencyToken();
        });

        // Tokens are encrypted before they reach the database and decrypted only when loaded.
        var encrypted = EncryptedStringConverter(DataProtection.CreateProtector(TokenProtectionPurpose));
        builder.Entity<Connection>(connection =>
        {
            connection.HasKey(c => c.Id);
            connection.Property(c => c.OwnerId).HasMaxLength(64);
            connection.HasIndex(c => c.OwnerId);
            connection.OwnsOne(c => c.Tokens, tokens =>
            {
                tokens.Property(t => t.AccessToken).HasColumnName("AccessTokenEncrypted").HasConversion(encrypted);
                tokens.Property(t => t.RefreshToken).HasColumnName("RefreshTokenEncrypted").HasConversion(encrypted);
                tokens.Property(t => t.AccessTokenExpiresAt).HasColumnName("AccessTokenExpiresAt");
                tokens.Property(t => t.RefreshTokenExpiresAt).HasColumnName("RefreshTokenExpiresAt");
            });
            connection.Navigation(c => c.Tokens).IsRequired();
            // Required: a vehicle taken out of a connection is deleted (with its stored readings), not left behind as an orphan.
            connection.HasMany(c => c.Vehicles).WithOne().HasForeignKey("ConnectionId").IsRequired().OnDelete(DeleteBehavior.Cascade);
            connection.Navigation(c => c.Vehicles).AutoInclude();
            // Which app instance is refreshing the tokens, and until when (ADR-013).
            connection.Property<Guid?>(RefreshLeaseColumns.Holder);
            connection.Property<DateTimeOffset?>(RefreshLeaseColumns.Until);
        });

        builder.Entity<SmartcarUserLink>(link =>
        {
            link.HasKey(l => l.Id);
            link.Property(l => l.OwnerId).HasMaxLength(64);
            link.Property(l => l.SmartcarUserId).HasMaxLength(128);
            link.HasIndex(l => new { l.OwnerId, l.SmartcarUserId }).IsUnique();
        });

        // Looked up by id on every signed-in request; ended by user; cleared by expiry. Deleting a user deletes them.
        builder.Entity<UserSession>(session =>
        {
            session.HasKey(s => s.Id);
            session.Property(s => s.Id).HasMaxLength(64);
            session.HasIndex(s => s.UserId);
            session.HasIndex(s => s.ExpiresAt);
            session.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ConnectedVehicle>(vehicle =>
        {
            vehicle.HasKey(v => v.Id);
            vehicle.Property(v => v.SmartcarVehicleId).HasMaxLength(128);
        });

        builder.ConfigureStoredVehicles();
        VehicleReadingsModel.Configure(builder, DataProtection);
    }

    // EF builds a model once per context type and caches it, converters included: without this, every AppDbContext in a
    // process would encrypt with the key ring of the first one created.
    // SQLite rebuilds a table to change a column (the VehicleReadings migration makes ConnectedVehicle.ConnectionId
    // required) outside the migration's transaction; EF says so as a warning on every new database: information here.
    // The key ring is in this database: a save first makes sure it has a current key (KeyRingBeforeSave, ADR-013).
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ReplaceService<IModelCacheKeyFactory, ModelPerKeyRing>()
            .AddInterceptors(new KeyRingBeforeSave(DataProtection))
            .ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Information)));

    // SQLite cannot order or compare DateTimeOffset; store UTC ticks, which sort correctly.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<StoredTimes.UtcTicksOnSqlite>();

    internal static ValueConverter<string, string> EncryptedStringConverter(IDataProtector protector) =>
        new(plain => protector.Protect(plain), cipher => Decrypt(protector, cipher));

    // A token encrypted under a key this key ring no longer has (the ring was lost or replaced) reads as a marker the
    // domain understands, so that one connection asks to connect again instead of every page of its owner failing.
    private static string Decrypt(IDataProtector protector, string cipher)
    {
        try
        {
            return protector.Unprotect(cipher);
        }
        catch (CryptographicException)
        {
            return TokenSet.Unreadable;
        }
    }

    private sealed class ModelPerKeyRing : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) =>
            (context.GetType(), (context as AppDbContext)?.DataProtection, designTime);
    }
}
