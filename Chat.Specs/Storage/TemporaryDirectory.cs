using Microsoft.Data.Sqlite;

namespace Chat.Specs.Storage;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chat-specs-" + Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>A plain connection to the database file in this directory, for looking underneath the store.</summary>
    public SqliteConnection OpenDatabase(string fileName)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = System.IO.Path.Combine(Path, fileName),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
