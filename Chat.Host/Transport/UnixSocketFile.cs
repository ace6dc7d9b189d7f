using System.Net.Sockets;

namespace Chat.Host.Transport;

/// <summary>The file of the host's Unix domain socket: cleared before binding, opened to its mode after, removed at the end.</summary>
internal static class UnixSocketFile
{
    /// <summary>Removes a socket file left by a host that died; refuses when a host still answers on it.</summary>
    public static void PrepareToBind(string path)
    {
        if (!File.Exists(path))
            return;
        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                probe.Connect(new UnixDomainSocketEndPoint(path));
                throw new ArgumentException($"another host is listening on the Unix socket {path}");
            }
            catch (SocketException)
            {
                // Nobody there: a leftover.
            }
        }
        File.Delete(path);
    }

    public static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, mode);
    }

    public static void Remove(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
