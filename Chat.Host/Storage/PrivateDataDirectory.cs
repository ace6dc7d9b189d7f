namespace Chat.Host.Storage;

/// <summary>
/// On the box people SSH into, every local user could otherwise read every DM and password hash:
/// the data directory is made 0700 when the host creates it, the database and its WAL and shared
/// memory files are 0600 whatever the umask, and a directory others can write is refused (they
/// could swap the database or plant a WAL file). A directory others can read gets a warning.
/// </summary>
public static class PrivateDataDirectory
{
    public const UnixFileMode PrivateDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OthersWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
    private const UnixFileMode OthersRead = UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>The database and the files SQLite keeps beside it in WAL mode.</summary>
    public static IEnumerable<string> DatabaseFiles(string dataDirectory, string databaseFile) =>
        new[] { "", "-wal", "-shm", "-journal" }.Select(suffix => Path.Combine(dataDirectory, databaseFile + suffix));

    /// <summary>
    /// Creates the directory private, or checks an existing one: throws <see cref="UnsafeDataDirectoryException"/>
    /// when others can write it, and returns a warning for the log when others can read it.
    /// </summary>
    public static string? Prepare(string dataDirectory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dataDirectory);
            return null;
        }
        if (!Directory.Exists(dataDirectory))
        {
            Directory.CreateDirectory(dataDirectory, PrivateDirectoryMode);
            // mkdir applies the umask; chmod does not.
            File.SetUnixFileMode(dataDirectory, PrivateDirectoryMode);
            return null;
        }
        var mode = File.GetUnixFileMode(dataDirectory);
        if ((mode & OthersWrite) != 0)
            throw new UnsafeDataDirectoryException(
                $"the data directory {dataDirectory} can be written by other users (mode {Octal(mode)}): they could replace the database. Run chmod 700 on it, or use another directory.");
        return (mode & OthersRead) != 0
            ? $"the data directory {dataDirectory} can be read by other users (mode {Octal(mode)}); the database files are private, but chmod 700 on the directory keeps even their names to the host"
            : null;
    }

    /// <summary>
    /// Creates the database file 0600 before SQLite does (SQLite gives its WAL and shared-memory
    /// files the database's mode), and makes any existing one 0600 again.
    /// </summary>
    public static void MakeFilesPrivate(string dataDirectory, string databaseFile)
    {
        if (OperatingSystem.IsWindows())
            return;
        var database = Path.Combine(dataDirectory, databaseFile);
        if (!File.Exists(database))
            new FileStream(database, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateFileMode }).Dispose();
        foreach (var file in DatabaseFiles(dataDirectory, databaseFile).Where(File.Exists))
            File.SetUnixFileMode(file, PrivateFileMode);
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
}

/// <summary>The host will not start on this data directory; the message says why and what to do.</summary>
public sealed class UnsafeDataDirectoryException(string message) : Exception(message);
