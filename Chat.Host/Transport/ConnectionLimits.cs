using System.Net;
using Chat.Host.Hosting;

namespace Chat.Host.Transport;

/// <summary>
/// Caps open connections in total and per remote address. A connection holds its place with a
/// lease and gives it back when it ends. Kestrel's own MaxConcurrentConnections would refuse
/// silently; counting here lets the host say why before it closes.
/// </summary>
internal sealed class ConnectionLimits(TransportSettings settings)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private int _total;

    /// <summary>Whether this address is counted (and throttled) on its own; see count-loopback-per-address.</summary>
    public bool CountsPerAddress(IPAddress? address) =>
        address is not null && (settings.CountLoopbackPerAddress || !IPAddress.IsLoopback(address));

    /// <summary>A lease to dispose when the connection ends, or null with the reason it was refused.</summary>
    public IDisposable? TryAdmit(IPAddress? remote, out string refusal)
    {
        var address = CountsPerAddress(remote) ? Normalize(remote!) : null;
        lock (_lock)
        {
            if (_total >= settings.MaxConnections)
            {
                refusal = "the host has as many connections as it takes; try again later";
                return null;
            }
            var fromAddress = address is null ? 0 : _perAddress.GetValueOrDefault(address);
            if (address is not null && fromAddress >= settings.MaxConnectionsPerAddress)
            {
                refusal = $"at most {settings.MaxConnectionsPerAddress} connections from one address";
                return null;
            }
            _total++;
            if (address is not null)
                _perAddress[address] = fromAddress + 1;
        }
        refusal = "";
        return new Lease(this, address);
    }

    private void Release(IPAddress? address)
    {
        lock (_lock)
        {
            _total--;
            if (address is not null && --_perAddress[address] == 0)
                _perAddress.Remove(address);
        }
    }

    // An IPv4 client on a dual-stack socket shows up as ::ffff:a.b.c.d; it is one address either way.
    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private sealed class Lease(ConnectionLimits limits, IPAddress? address) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                limits.Release(address);
        }
    }
}
