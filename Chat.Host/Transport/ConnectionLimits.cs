using Chat.Actors.Sessions;
using System.Net;
using Chat.Actors;
using Chat.Host.Hosting;

namespace Chat.Host.Transport;

/// <summary>
/// Caps open connections in total, per peer (a remote address, or a local Unix user: see
/// <see cref="PeerIdentity"/>), anonymous ones per peer, and logged-in ones per account. A
/// connection holds its place with a lease and gives it back when it ends. Kestrel's own
/// MaxConcurrentConnections would refuse silently; counting here lets the host say why before it closes.
/// </summary>
internal sealed class ConnectionLimits(TransportSettings settings)
{
    private readonly Lock _lock = new();
    private readonly KeyedCounter _perPeer = new();
    private readonly KeyedCounter _anonymousPerPeer = new();
    private readonly KeyedCounter _perAccount = new();
    private int _total;

    /// <summary>Whether this address is counted (and throttled) on its own; see count-loopback-per-address.</summary>
    public bool CountsPerAddress(IPAddress? address) =>
        address is not null && (settings.CountLoopbackPerAddress || !IPAddress.IsLoopback(address));

    /// <summary>For a TCP peer known only by its address.</summary>
    public ConnectionLease? TryAdmit(IPAddress? remote, out string refusal) =>
        TryAdmit(CountsPerAddress(remote) ? PeerIdentity.OfAddress(remote!) : PeerIdentity.Unknown, out refusal);

    /// <summary>A lease to dispose when the connection ends, or null with the reason it was refused.</summary>
    public ConnectionLease? TryAdmit(PeerIdentity peer, out string refusal)
    {
        var key = peer.Key;
        lock (_lock)
        {
            if (_total >= settings.MaxConnections)
            {
                refusal = "the host has as many connections as it takes; try again later";
                return null;
            }
            if (key is not null && _perPeer[key] >= settings.MaxConnectionsPerAddress)
            {
                refusal = peer.UnixUid is null
                    ? $"at most {settings.MaxConnectionsPerAddress} connections from one address"
                    : $"at most {settings.MaxConnectionsPerAddress} connections from one local user";
                return null;
            }
            if (key is not null && _anonymousPerPeer[key] >= settings.MaxAnonymousPerPeer)
            {
                refusal = $"at most {settings.MaxAnonymousPerPeer} connections that have not logged in, from one address or local user";
                return null;
            }
            _total++;
            if (key is not null)
            {
                _perPeer.Add(key, +1);
                _anonymousPerPeer.Add(key, +1);
            }
        }
        refusal = "";
        return new ConnectionLease(this, key);
    }

    private bool TryLogIn(ConnectionLease lease, string username, bool alone, out string refusal)
    {
        lock (_lock)
        {
            if (alone && _perAccount[username] > 0)
            {
                refusal = $"{username} is in use on another connection";
                return false;
            }
            if (_perAccount[username] >= settings.MaxConnectionsPerAccount)
            {
                refusal = $"at most {settings.MaxConnectionsPerAccount} connections may be logged in to one account";
                return false;
            }
            _perAccount.Add(username, +1);
            if (lease.Anonymous && lease.Peer is { } peer)
                _anonymousPerPeer.Add(peer, -1);
        }
        refusal = "";
        return true;
    }

    private void LoggedOut(string username)
    {
        lock (_lock)
            _perAccount.Add(username, -1);
    }

    private void Release(ConnectionLease lease)
    {
        lock (_lock)
        {
            _total--;
            if (lease.Peer is { } peer)
            {
                _perPeer.Add(peer, -1);
                if (lease.Anonymous)
                    _anonymousPerPeer.Add(peer, -1);
            }
            if (lease.Account is { } account)
                _perAccount.Add(account, -1);
        }
    }

    /// <summary>One connection's place: anonymous until it logs in, then counted against its account.</summary>
    internal sealed class ConnectionLease(ConnectionLimits limits, string? peer) : IDisposable, IAccountConnections
    {
        // Locks on itself (nothing else locks on a lease): a lock object would be 40 bytes more a connection.
        private bool _released;

        public string? Peer { get; } = peer;
        /// <summary>Counted among the peer's anonymous connections until its first login.</summary>
        public bool Anonymous { get; private set; } = true;
        public string? Account { get; private set; }

        /// <summary>Counts the connection against the account; false (with why) when the account has as many as it may.</summary>
        public bool TryLogIn(string username, out string refusal, bool alone = false)
        {
            lock (this)
            {
                if (_released)
                {
                    refusal = "the connection has ended";
                    return false;
                }
                if (Account is { } previous)
                {
                    limits.LoggedOut(previous);
                    Account = null;
                }
                if (!limits.TryLogIn(this, username, alone, out refusal))
                    return false;
                Anonymous = false;
                Account = username;
                return true;
            }
        }

        public void LoggedOut()
        {
            lock (this)
            {
                if (_released || Account is not { } account)
                    return;
                limits.LoggedOut(account);
                Account = null;
            }
        }

        public void Dispose()
        {
            lock (this)
            {
                if (_released)
                    return;
                _released = true;
                limits.Release(this);
            }
        }
    }
}
