using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Chat.Protocol;
using Chat.Specs.Support;
using Chat.Tui.Session;

namespace Chat.Specs.Tui;

/// <summary>
/// What client specs talk to: the real host in process (so there is one protocol
/// implementation) on a fixed loopback port, behind a <see cref="WireTap"/> that keeps every
/// frame each way. Other people are raw protocol clients logged in to the host. The faults a
/// client must survive are real ones: the tap cuts links, the host stops and starts again, or is
/// replaced by a host that does not know the account any more.
/// </summary>
/// <remarks>
/// Its awaits are ConfigureAwait(false), and the synchronous helpers for the Terminal.Gui specs
/// run on the thread pool: headless view specs leave Terminal.Gui's SynchronizationContext on
/// threads, and a continuation posted to it would never run.
/// </remarks>
public sealed class LiveHost : IAsyncDisposable, IDisposable
{
    public const string Password = "password1";

    private readonly ConcurrentDictionary<string, RawClient> _people = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _port;
    private TestHost _host;
    private readonly WireTap _tap;

    private LiveHost(TestHost host, int port)
    {
        _host = host;
        _port = port;
        _tap = new WireTap(new IPEndPoint(IPAddress.Loopback, port));
    }

    public static async Task<LiveHost> StartAsync(string? extraConfig = null)
    {
        var port = FreePort();
        return new LiveHost(await TestHost.StartAsync(extraConfig: extraConfig, port: port).ConfigureAwait(false), port);
    }

    /// <summary>For the synchronous Terminal.Gui specs.</summary>
    public static LiveHost Start(string? extraConfig = null) => Task.Run(() => StartAsync(extraConfig)).GetAwaiter().GetResult();

    /// <summary>Where clients connect: the tap in front of the host.</summary>
    public ServerAddress Address => new("127.0.0.1", _tap.Port);

    /// <summary>Every frame clients sent, in the order each link sent them.</summary>
    public IEnumerable<ClientFrame> Received => _tap.FromClients;

    /// <summary>Every frame the host sent to clients.</summary>
    public IEnumerable<ServerFrame> Sent => _tap.FromHost;

    public IReadOnlyList<TappedLink> Links => _tap.Links;

    /// <summary>Registers accounts through the protocol; one that exists already is left as it is.</summary>
    public async Task RegisterAsync(string user, string password = Password)
    {
        await using var registrar = await _host.ConnectAsync().ConfigureAwait(false);
        await registrar.HelloAsync().ConfigureAwait(false);
        var reply = await registrar.RequestAsync(new Register(user, password)).ConfigureAwait(false);
        Assert.True(reply is Ok or ErrorReply { Code: ErrorCodes.NameTaken }, $"registering {user}: {reply}");
    }

    /// <summary>Someone else, logged in with a raw protocol client (registered first), going by <paramref name="nick"/>.</summary>
    public async Task<RawClient> PersonAsync(string user, string? nick = null)
    {
        if (_people.TryGetValue(user, out var known))
            return known;
        await RegisterAsync(user).ConfigureAwait(false);
        var person = await RawClient.LoggedInAsync(_host, user, Password).ConfigureAwait(false);
        if (nick is not null && nick != user)
            Assert.IsType<Ok>(await person.RequestAsync(new ChangeNick(nick)).ConfigureAwait(false));
        _people[user] = person;
        return person;
    }

    /// <summary>Someone says something in a room; returns once the host took it.</summary>
    public async Task SayAsync(string user, string text, string room = RoomNames.Lobby, string? nick = null)
    {
        var person = await PersonAsync(user, nick).ConfigureAwait(false);
        Assert.IsType<Ok>(await person.RequestAsync(new Say(room, text)).ConfigureAwait(false));
    }

    /// <summary>Someone sends a DM; returns once the host took it.</summary>
    public async Task SendDirectAsync(string from, string to, string text, string? nick = null)
    {
        var person = await PersonAsync(from, nick).ConfigureAwait(false);
        Assert.IsType<Ok>(await person.RequestAsync(new SendDirect(to, text)).ConfigureAwait(false));
    }

    public void Say(string user, string text, string? nick = null) => Task.Run(() => SayAsync(user, text, nick: nick)).GetAwaiter().GetResult();

    public void SendDirect(string from, string to, string text, string? nick = null) => Task.Run(() => SendDirectAsync(from, to, text, nick)).GetAwaiter().GetResult();

    public void Register(string user, string password = Password) => Task.Run(() => RegisterAsync(user, password)).GetAwaiter().GetResult();

    /// <summary>Runs `Chat.Host admin ARGS` on the host's data directory, as the admin on the box would; its exit code.</summary>
    public int Admin(params string[] args) =>
        Chat.Host.Admin.AdminCommand.Run([.. args, "--data", _host.DataDirectory], () => null, TextWriter.Null, TextWriter.Null, _ => null);

    /// <summary>Someone already logged in (<see cref="PersonAsync"/>) asks the host something; returns the reply.</summary>
    public ServerFrame Ask(string user, ClientFrame frame) =>
        Task.Run(async () => await (await PersonAsync(user).ConfigureAwait(false)).RequestAsync(frame).ConfigureAwait(false)).GetAwaiter().GetResult();

    /// <summary>Someone (logged in, registered first) changes nickname; returns once the host took it.</summary>
    public void ChangeNick(string user, string nick) => Task.Run(async () =>
    {
        var person = await PersonAsync(user).ConfigureAwait(false);
        Assert.IsType<Ok>(await person.RequestAsync(new ChangeNick(nick)).ConfigureAwait(false));
    }).GetAwaiter().GetResult();

    /// <summary>Cuts every client's link at once, as a network drop would; the host stays up.</summary>
    public void CutLinks() => _tap.CutAll();

    /// <summary>The host stops (saying goodbye to its clients); clients cannot reach it until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        await ForgetPeopleAsync().ConfigureAwait(false);
        await _host.StopAsync().ConfigureAwait(false);
    }

    /// <summary>The host starts again on the same port and data.</summary>
    public Task StartAgainAsync() => _host.RestartAsync();

    /// <summary>A host on the same port that never knew anyone: saved logins and resume tokens no longer work.</summary>
    public async Task ReplaceWithEmptyHostAsync()
    {
        await ForgetPeopleAsync().ConfigureAwait(false);
        await _host.DisposeAsync().ConfigureAwait(false);
        _host = await TestHost.StartAsync(port: _port).ConfigureAwait(false);
    }

    public void Stop() => Task.Run(StopAsync).GetAwaiter().GetResult();

    public void StartAgain() => Task.Run(StartAgainAsync).GetAwaiter().GetResult();

    private async Task ForgetPeopleAsync()
    {
        foreach (var person in _people.Values)
            await person.DisposeAsync().ConfigureAwait(false);
        _people.Clear();
    }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _tap.DisposeAsync().ConfigureAwait(false);
        await ForgetPeopleAsync().ConfigureAwait(false);
        await _host.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose() => Task.Run(() => DisposeAsync().AsTask()).GetAwaiter().GetResult();
}
