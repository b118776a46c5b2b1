using Microsoft.Data.Sqlite;

namespace SmartcarClean.Infrastructure.Persistence;

/// <summary>
/// Puts the SQLite file in write-ahead-log mode, so that concurrent writers wait for each other instead of failing with
/// "database is locked". The app creates the file itself (owner-only, <c>OwnerOnlyFiles</c>), so EF Core's creator, which
/// would turn WAL on for a file it creates, never runs: the file stayed in rollback-journal mode. There a write commits
/// only once every reader has let go, and EF Core's saves (<c>INSERT/UPDATE ... RETURNING</c>) commit when
/// Microsoft.Data.Sqlite disposes the returned row, where it does not retry a busy database (dotnet/efcore#30851,
/// #36295): under load some saves failed at once. In WAL mode readers never block the commit, and the one lock a writer
/// waits for is taken at the statement's first step, which Microsoft.Data.Sqlite retries until the command timeout.
/// The mode is kept in the file, so this is done once per start, for new and older files alike.
/// </summary>
internal static class SqliteWriteAheadLog
{
    public static void Enable(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return;
        }

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = 'wal';";
        command.ExecuteNonQuery();
    }
}
