using System.Buffers;
using System.IO.Pipelines;
using Chat.Protocol;

namespace Chat.Host.Transport;

/// <summary>What a paced connection does with its lines: <see cref="PacedLineReader"/> reads them, this decides.</summary>
internal interface IPacedLines
{
    /// <summary>Not reading (<see cref="Chat.Actors.Sessions.InboundFlow.StopsReading"/>): whole lines stay unread in the pipe.</summary>
    bool ReadPaused { get; }

    /// <summary>Completes when reading may go on.</summary>
    Task WhileReadPausedAsync();

    /// <summary>A whole line (<see cref="LineStatus.Line"/>), or one over the length bound (<see cref="LineStatus.TooLong"/>, no bytes).</summary>
    void Arrive(LineStatus status, ReadOnlySequence<byte> line);
}

/// <summary>
/// The read loop of a paced connection (chat protocol or IRC): lines cut by the framer go to the
/// connection's pacing; while it is at its in-flight bound the socket is not read, so TCP slows
/// the sender down and nothing piles up in the host.
/// </summary>
internal static class PacedLineReader
{
    /// <param name="connectionClosed">Fires when the connection ends: a reader paused at its bound stops waiting for answers that may never come.</param>
    public static async Task ReadAsync(PipeReader input, LineFramer framer, IPacedLines lines, CancellationToken connectionClosed)
    {
        while (true)
        {
            await lines.WhileReadPausedAsync().WaitAsync(connectionClosed).ConfigureAwait(false);
            var result = await input.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            var needMore = false;
            try
            {
                while (!lines.ReadPaused)
                {
                    var status = framer.TryReadLine(ref buffer, out var line);
                    if (status == LineStatus.NeedMore)
                    {
                        needMore = true;
                        break;
                    }
                    lines.Arrive(status, line);
                }
            }
            finally
            {
                // Paused with whole lines left: they stay unread in the pipe, and the next read
                // returns them at once (nothing past them counts as examined).
                if (needMore)
                    input.AdvanceTo(buffer.Start, buffer.End);
                else
                    input.AdvanceTo(buffer.Start);
            }
            if (result.IsCompleted || result.IsCanceled)
                return;
        }
    }
}
