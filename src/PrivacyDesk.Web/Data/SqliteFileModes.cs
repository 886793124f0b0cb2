using Microsoft.Data.Sqlite;

namespace PrivacyDesk.Web.Data;

/// <summary>
/// The SQLite database holds every request: its file, its -wal and -shm (and a rollback -journal) are readable by the
/// app's user only (0600), and the data folder is 0700. SQLite creates the -wal and -shm with the main file's mode, so
/// the main file is created here, empty and 0600, before SQLite first opens it; files left by an earlier version
/// (0644 by the umask) are tightened at start-up. Nothing to do on Windows, where ACLs of the folder apply.
/// </summary>
public static class SqliteFileModes
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static readonly string[] Companions = ["-wal", "-shm", "-journal"];

    /// <summary>
    /// Prepares the files of <paramref name="connectionString"/>. <paramref name="dataDirectory"/> is tightened to 0700
    /// when the database lives in it (the default); a folder named only by an explicit connection string is created
    /// 0700 if missing but otherwise left alone, since it may hold other things.
    /// </summary>
    public static void Secure(string connectionString, string dataDirectory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (string.IsNullOrWhiteSpace(source) || builder.Mode == SqliteOpenMode.Memory
            || source.Equals(":memory:", StringComparison.OrdinalIgnoreCase) || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var path = Path.GetFullPath(source);
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, FolderMode);
        }
        else if (string.Equals(Path.TrimEndingDirectorySeparator(folder), Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory)), StringComparison.Ordinal))
        {
            File.SetUnixFileMode(folder, FolderMode);
        }

        if (!File.Exists(path) && builder.Mode != SqliteOpenMode.ReadOnly)
        {
            try
            {
                // An empty file is a valid empty SQLite database; created 0600 whatever the umask.
                using var created = new FileStream(path, new FileStreamOptions
                {
                    Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode,
                });
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance of the app on the same folder created it at the same moment.
            }
        }

        foreach (var file in Companions.Select(suffix => path + suffix).Prepend(path))
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~FileMode) != 0)
            {
                File.SetUnixFileMode(file, FileMode);
            }
        }
    }
}
