namespace SmartcarClean.Application.Options;

/// <summary>The database engines the app runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>A file in the data folder: embedded, nothing to set up (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, which several app instances can share.</summary>
    PostgreSql,
}

/// <summary>
/// Which database the app keeps its data in: settings <c>Database:Provider</c> and <c>ConnectionStrings:Default</c>
/// (for SQLite, by default the file <c>smartcarclean.db</c> in the data folder).
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string ConnectionStringName = "Default";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary><c>ConnectionStrings:Default</c>; for PostgreSQL it must be given.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Why the app cannot run with these settings, in one sentence; null when it can.</summary>
    public string? Problem => Provider switch
    {
        DatabaseProvider.Sqlite => null,
        DatabaseProvider.PostgreSql when string.IsNullOrWhiteSpace(ConnectionString) =>
            "Database:Provider is PostgreSql but ConnectionStrings:Default is not set; give the database's connection string, "
            + "e.g. ConnectionStrings__Default='Host=db.example.com;Database=smartcarclean;Username=smartcarclean;Password=...'.",
        DatabaseProvider.PostgreSql => null,
        _ => $"Database:Provider '{Provider}' is not a database the app runs on: Sqlite (the default) or PostgreSql.",
    };
}
