using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Chat.Host.Hosting;
using Chat.Host.Storage;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Storage;

/// <summary>On a shared box no other local user may read the database (every DM, every password hash).</summary>
[UnsupportedOSPlatform("windows")]
public sealed class PrivateDataDirectorySpecs : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = Private | UnixFileMode.UserExecute;

    private readonly TempDirectory _parent = new();

    private string Data => Path.Combine(_parent.Path, "data");

    public void Dispose() => _parent.Dispose();

    [Fact]
    public async Task Under_umask_000_a_new_data_directory_is_0700_and_the_database_wal_and_shm_are_0600()
    {
        TestHost host;
        var previous = SetUmask(0);
        try
        {
            host = await TestHost.StartAsync(Data);
            await using var client = await host.ConnectAsync();
            await client.HelloAsync();
            Assert.IsType<Ok>(await client.RequestAsync(new Register("alice", "password1")));
            Assert.IsType<Ok>(await client.RequestAsync(new Login("alice", "password1")));
            Assert.IsType<Ok>(await client.RequestAsync(new Say("lobby", "a line that reaches the WAL")));
        }
        finally
        {
            SetUmask(previous);
        }
        await using (host)
        {
            Assert.Equal(PrivateDirectory, File.GetUnixFileMode(Data));
            foreach (var file in new[] { "chat.db", "chat.db-wal", "chat.db-shm" })
                Assert.Equal((file, Private), (file, File.GetUnixFileMode(Path.Combine(Data, file))));
        }
    }

    [Fact]
    public async Task A_database_left_readable_by_others_is_made_private_at_the_next_start()
    {
        await (await TestHost.StartAsync(Data)).DisposeAsync();
        var database = Path.Combine(Data, SqliteChatStore.FileName);
        File.SetUnixFileMode(database, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var host = await TestHost.StartAsync(Data);

        Assert.Equal(Private, File.GetUnixFileMode(database));
    }

    [Fact]
    public async Task A_data_directory_others_can_write_is_refused_and_left_untouched()
    {
        Directory.CreateDirectory(Data);
        File.SetUnixFileMode(Data, PrivateDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute);

        var refusal = await Assert.ThrowsAsync<UnsafeDataDirectoryException>(() => TestHost.StartAsync(Data));

        Assert.Contains("written by other users", refusal.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Data));
    }

    [Fact]
    public async Task A_data_directory_others_can_read_is_used_with_a_warning()
    {
        Directory.CreateDirectory(Data);
        File.SetUnixFileMode(Data, PrivateDirectory | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var log = new CapturedLog();

        await using var host = await TestHost.StartAsync(Data, logging: log.AttachTo);

        Assert.Contains(log.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("can be read by other users"));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(Data, SqliteChatStore.FileName)));
    }

    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint SetUmask(uint mask);
}
