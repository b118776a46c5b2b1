using Microsoft.Data.Sqlite;

namespace SmartcarClean.Infrastructure.KeyRing;

/// <summary>
/// On Unix, the data directory and what the app writes in it (the SQLite file, its -wal and -shm, the key ring) are
/// for the app's own user only: a copy of the database with the key ring decrypts every stored token. Files made by
/// an earlier version with wider modes are narrowed at start-up. SQLite gives -wal and -shm the database file's mode.
/// </summary>
internal static class OwnerOnlyFiles
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static DirectoryInfo CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path);
        }

        var directory = Directory.CreateDirectory(path, OwnerOnlyDirectory);
        File.SetUnixFileMode(path, OwnerOnlyDirectory);
        return directory;
    }

    /// <summary>Creates the SQLite file of a connection string owner-only before SQLite does, or narrows an existing one.</summary>
    public static void PrepareSqliteFile(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (OperatingSystem.IsWindows() || string.IsNullOrEmpty(file) || file == ":memory:")
        {
            return;
        }

        if (!File.Exists(file))
        {
            using var created = new FileStream(
                file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile });
        }

        NarrowFiles(file, $"{file}-wal", $"{file}-shm", $"{file}-journal");
    }

    /// <summary>Narrows every file in the directory (the key ring's XML files).</summary>
    public static void NarrowFilesIn(DirectoryInfo directory)
    {
        if (!OperatingSystem.IsWindows() && directory.Exists)
        {
            NarrowFiles([.. directory.EnumerateFiles().Select(f => f.FullName)]);
        }
    }

    private static void NarrowFiles(params string[] paths)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var path in paths.Where(File.Exists))
        {
            File.SetUnixFileMode(path, OwnerOnlyFile);
        }
    }
}
