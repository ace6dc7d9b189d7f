using System.Runtime.InteropServices;

namespace Chat.Tui;

/// <summary>
/// SIGHUP: the terminal is gone (the SSH session closed, or the connection under it dropped and
/// sshd gave up on it). Nobody is left to see the screen, so there is nothing to restore: the
/// client logs out, waiting a bounded time for the host, and exits, leaving no process behind.
/// </summary>
internal static class TerminalHangup
{
    private static readonly TimeSpan LogOutPatience = TimeSpan.FromSeconds(2);

    public static PosixSignalRegistration LeaveOnHangup(Func<Task> logOut) =>
        PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            try
            {
                logOut().Wait(LogOutPatience);
            }
            catch (AggregateException)
            {
                // The host is gone too; it will see the socket close.
            }
            Environment.Exit(0);
        });
}
