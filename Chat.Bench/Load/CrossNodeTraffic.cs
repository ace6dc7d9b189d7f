using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Chat.Bench.Load;

/// <summary>
/// The bytes on the TCP connections between cluster nodes, from `ss -tin` (iproute2; no root
/// needed): every established socket with an end on one of the nodes' Akka.Remote ports, its
/// <c>bytes_received</c> summed. On loopback both ends of a connection are listed, and each byte
/// is received by exactly one of them, so the sum counts every byte once in both directions
/// (<c>bytes_acked</c> would count the SYN as well). Read before and after a window, the
/// difference is the window's cross-node traffic; a connection opened or closed inside the
/// window is counted from or up to what ss saw of it (Akka.Remote keeps its connections).
/// </summary>
internal static class CrossNodeTraffic
{
    /// <summary>The bytes received so far on the nodes' connections, or null when ss cannot be run.</summary>
    public static long? TryRead(IReadOnlyList<int> clusterPorts)
    {
        if (clusterPorts.Count == 0)
            return null;
        try
        {
            using var ss = Process.Start(new ProcessStartInfo("ss", "-tinH state established")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            });
            if (ss is null)
                return null;
            var output = ss.StandardOutput.ReadToEnd();
            ss.WaitForExit();
            return ss.ExitCode == 0 ? BytesReceived(output, clusterPorts) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>
    /// Sums <c>bytes_received</c> of the sockets in ss's output (a line with the addresses, then
    /// an indented line of details) whose local or peer port is one of <paramref name="ports"/>.
    /// ss leaves out <c>bytes_received</c> when it is 0.
    /// </summary>
    public static long BytesReceived(string ssOutput, IReadOnlyList<int> ports)
    {
        long total = 0;
        var counted = false;
        foreach (var line in ssOutput.Split('\n'))
        {
            if (line.Length == 0)
                continue;
            if (!char.IsWhiteSpace(line[0]))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                counted = fields.Length >= 4 && (HasPort(fields[^2], ports) || HasPort(fields[^1], ports));
                continue;
            }
            if (counted)
                total += Field(line, "bytes_received:");
            counted = false;
        }
        return total;
    }

    private static bool HasPort(string address, IReadOnlyList<int> ports) =>
        IPEndPoint.TryParse(address, out var endpoint) && ports.Contains(endpoint.Port);

    private static long Field(string details, string name)
    {
        var at = details.IndexOf(name, StringComparison.Ordinal);
        if (at < 0)
            return 0;
        var digits = details.AsSpan(at + name.Length);
        var end = digits.IndexOfAnyExceptInRange('0', '9');
        return long.Parse(end < 0 ? digits : digits[..end], CultureInfo.InvariantCulture);
    }
}
