using System.Runtime.InteropServices;

namespace Chat.Host.Transport;

/// <summary>
/// The name of a local Unix user, from the system's user database (getpwuid_r, so NSS sources
/// such as LDAP count too, as they do for the login that started the client). Linux only; null
/// elsewhere or when the uid has no name. It may block on a network source: call it off the actors.
/// </summary>
internal static class UnixUsers
{
    // glibc's struct passwd on 64-bit Linux.
    [StructLayout(LayoutKind.Sequential)]
    private struct Passwd
    {
        public IntPtr Name;
        public IntPtr Password;
        public uint Uid;
        public uint Gid;
        public IntPtr Gecos;
        public IntPtr Home;
        public IntPtr Shell;
    }

    // Every argument is blittable: no marshalling stub, so a plain DllImport needs no unsafe code.
    [DllImport("libc", EntryPoint = "getpwuid_r")]
    private static extern int GetPasswordEntry(uint uid, out Passwd entry, IntPtr buffer, nuint bufferLength, out IntPtr result);

    private const int RangeError = 34; // ERANGE: the buffer is too small for this entry

    public static string? NameOf(int uid)
    {
        if (!OperatingSystem.IsLinux() || uid < 0)
            return null;
        for (var size = 1024; size <= 1 << 20; size *= 4)
        {
            // The entry's strings point into the buffer: pinned for good, so they stay valid until read.
            var buffer = GC.AllocateArray<byte>(size, pinned: true);
            var error = GetPasswordEntry((uint)uid, out var entry, Marshal.UnsafeAddrOfPinnedArrayElement(buffer, 0), (nuint)buffer.Length, out var result);
            if (error == RangeError)
                continue;
            var name = error == 0 && result != IntPtr.Zero ? Marshal.PtrToStringUTF8(entry.Name) : null;
            GC.KeepAlive(buffer);
            return name;
        }
        return null;
    }
}
