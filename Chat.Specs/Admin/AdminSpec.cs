using Chat.Host.Admin;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Admin;

/// <summary>The store the admin command and the host under test share.</summary>
public enum AdminSpecStore
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A running host on the store under test (a data directory of its own, or a database of its
/// own on the PostgreSQL server of <see cref="TestPostgres"/>), its accounts registered, and the
/// admin command pointed at the same store as an admin on the box would point it. Each admin
/// contract derives from this once per store, as the store contract does.
/// </summary>
public abstract class AdminSpec(AdminSpecStore store, params string[] users) : IAsyncLifetime
{
    public const string Password = EndToEndSpec.Password;

    private readonly TempDirectory _dir = new();
    private TestDatabase? _database;
    private string _config = null!;

    protected TestHost Host { get; private set; } = null!;

    /// <summary>The PostgreSQL database under test; null on SQLite.</summary>
    protected TestDatabase? Database => _database;

    public async Task InitializeAsync()
    {
        string? storeConfig = null;
        if (store == AdminSpecStore.Postgres)
        {
            _database = await TestPostgres.CreateDatabaseAsync();
            storeConfig = StoreConfig(_database);
        }
        _config = Path.Combine(_dir.Path, "admin.conf");
        await File.WriteAllTextAsync(_config, TestHost.FastHashing + "\n");
        Host = await TestHost.StartAsync(Path.Combine(_dir.Path, "data"), extraConfig: storeConfig);
        await EndToEndSpec.RegisterAsync(Host, users);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>The host's HOCON for a PostgreSQL database.</summary>
    protected static string StoreConfig(TestDatabase database) =>
        $"chat.store {{ kind = postgres, postgres.connection-string = \"{database.ConnectionString}\" }}";

    protected sealed record Outcome(int ExitCode, string Output, string Error);

    /// <summary>Runs `Chat.Host admin ARGS` on the host's store; <paramref name="password"/> is its standard input.</summary>
    protected Outcome AdminReading(string? password, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] storeArguments = _database is null ? ["--data", Host.DataDirectory] : ["--store", "postgres", "--postgres", _database.ConnectionString];
        var code = AdminCommand.Run([.. args, .. storeArguments, "--config", _config], () => password, output, error, _ => null);
        return new Outcome(code, output.ToString(), error.ToString());
    }

    protected Outcome Admin(params string[] args) => AdminReading(null, args);

    /// <summary>Logged in and arrived (the lobby's page is there), as <see cref="EndToEndSpec"/> does it.</summary>
    protected async Task<RawClient> LogInAsync(string user)
    {
        var client = await RawClient.LoggedInAsync(Host, user, Password);
        await client.WaitForAsync<HistoryPage>(page => page.Room == RoomNames.Lobby);
        return client;
    }

    protected async Task RegisterAsync(string user, string password)
    {
        await using var client = await Host.ConnectAsync();
        await client.HelloAsync();
        Assert.IsType<Ok>(await client.RequestAsync(new Register(user, password)));
    }
}
