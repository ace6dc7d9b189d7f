using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Chat.Host.Transport.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Chat.Specs.Transport;

/// <summary>
/// The chat doors' socket transport, on real loopback sockets: the reader hands out what was
/// received and waits only when everything was examined, holds no buffer while idle, wakes on a
/// cancel, ends on the peer's FIN; the writer sends what a full socket buffer could not take once
/// the client reads, and learns from the flush that the client is gone.
/// </summary>
public sealed class ChatSocketConnectionSpecs : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private IConnectionListener _listener = null!;
    private Socket _client = null!;
    private ChatSocketConnection _connection = null!;

    private PipeReader Input => ((IDuplexPipe)_connection).Input;

    private PipeWriter Output => ((IDuplexPipe)_connection).Output;

    public async Task InitializeAsync()
    {
        var transport = new ChatSocketTransport();
        var endpoint = transport.Claim(new IPEndPoint(IPAddress.Loopback, 0));
        Assert.True(transport.CanBind(endpoint));
        Assert.False(transport.CanBind(new IPEndPoint(IPAddress.Loopback, 0)));
        _listener = await transport.BindAsync(endpoint);
        _client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await _client.ConnectAsync(_listener.EndPoint);
        _connection = (ChatSocketConnection)(await _listener.AcceptAsync())!;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _connection.DisposeAsync();
        await _listener.DisposeAsync();
    }

    [Fact]
    public async Task What_arrives_in_pieces_is_read_in_order_and_an_idle_reader_holds_no_buffer()
    {
        await SendAsync("hel");
        var first = await ReadAtLeastAsync(3);
        Assert.Equal("hel", Text(first.Buffer));
        // Nothing consumed, all examined: the next read waits for more and returns it with what was kept.
        Input.AdvanceTo(first.Buffer.Start, first.Buffer.End);
        var next = Input.ReadAsync().AsTask();
        await SendAsync("lo\nworld\n");
        var second = await next.WaitAsync(Patience);
        Assert.StartsWith("hello\n", Text(second.Buffer));
        Input.AdvanceTo(second.Buffer.End);
        Assert.False(_connection.HoldsReadBuffer);
    }

    [Fact]
    public async Task Bytes_left_unexamined_are_read_again_without_waiting_for_more()
    {
        await SendAsync("one\ntwo\n");
        var read = await ReadAtLeastAsync(8);
        var afterOne = read.Buffer.GetPosition(4);
        Input.AdvanceTo(afterOne);
        Assert.True(Input.TryRead(out var again));
        Assert.Equal("two\n", Text(again.Buffer));
        Input.AdvanceTo(again.Buffer.End);
    }

    [Fact]
    public async Task A_cancel_wakes_a_waiting_read_and_later_bytes_still_arrive()
    {
        var waiting = Input.ReadAsync().AsTask();
        Input.CancelPendingRead();
        var cancelled = await waiting.WaitAsync(Patience);
        Assert.True(cancelled.IsCanceled);
        Input.AdvanceTo(cancelled.Buffer.End);
        await SendAsync("after\n");
        var read = await ReadAtLeastAsync(6);
        Assert.False(read.IsCanceled);
        Assert.Equal("after\n", Text(read.Buffer));
    }

    [Fact]
    public async Task The_peer_finishing_completes_the_reader_and_fires_connection_closed()
    {
        var closed = new TaskCompletionSource();
        _connection.ConnectionClosed.Register(() => closed.TrySetResult());
        await SendAsync("last\n");
        _client.Shutdown(SocketShutdown.Send);
        var read = await ReadAtLeastAsync(5);
        while (!read.IsCompleted)
        {
            Input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            read = await Input.ReadAsync().AsTask().WaitAsync(Patience);
        }
        Assert.Equal("last\n", Text(read.Buffer));
        await closed.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task An_abort_ends_a_waiting_read_with_its_reason()
    {
        var waiting = Input.ReadAsync().AsTask();
        _connection.Abort(new ConnectionAbortedException("cut off for the spec"));
        var thrown = await Assert.ThrowsAsync<ConnectionAbortedException>(() => waiting.WaitAsync(Patience));
        Assert.Equal("cut off for the spec", thrown.Message);
    }

    [Fact]
    public async Task A_flush_the_socket_cannot_take_completes_once_the_client_reads_everything_in_order()
    {
        // Far more than loopback's socket buffers hold, so the flush must wait for the client.
        var payload = new byte[16 * 1024 * 1024];
        for (var i = 0; i < payload.Length; i++)
            payload[i] = (byte)(i % 251);
        Output.Write(payload);
        var flush = Output.FlushAsync().AsTask();
        Assert.False(flush.IsCompleted);

        var received = new byte[payload.Length];
        var total = 0;
        while (total < received.Length)
            total += await _client.ReceiveAsync(received.AsMemory(total), SocketFlags.None).AsTask().WaitAsync(Patience);
        var result = await flush.WaitAsync(Patience);
        Assert.False(result.IsCompleted);
        Assert.Equal(payload, received);
    }

    [Fact]
    public async Task A_flush_to_a_client_that_is_gone_says_so_instead_of_throwing()
    {
        _client.LingerState = new LingerOption(true, 0); // close with a reset
        _client.Close();
        // The reader hears the reset first, so the write below meets a socket the kernel has failed.
        await Assert.ThrowsAsync<ConnectionResetException>(() => Input.ReadAsync().AsTask().WaitAsync(Patience));
        Output.Write(Encoding.UTF8.GetBytes("anyone there?\n"));
        var result = await Output.FlushAsync().AsTask().WaitAsync(Patience);
        Assert.True(result.IsCompleted);
    }

    [Fact]
    public async Task A_connection_disposed_while_its_writer_writes_says_closed_to_the_writer_and_keeps_the_array_from_the_pool()
    {
        // An outbox cut off after its drain timeout may still be writing when the connection goes.
        var memory = Output.GetMemory(16);
        Assert.True(MemoryMarshal.TryGetArray<byte>(memory, out var segment));
        "late frame\n"u8.CopyTo(memory.Span);
        // Nothing is being sent, so the dispose runs to its end on this thread, where a returned
        // array would sit first in line for the next rent of its size.
        Assert.True(_connection.DisposeAsync().IsCompletedSuccessfully);
        var rented = Enumerable.Range(0, 100).Select(_ => ArrayPool<byte>.Shared.Rent(segment.Array!.Length)).ToList();
        rented.ForEach(array => ArrayPool<byte>.Shared.Return(array));
        Assert.DoesNotContain(rented, array => ReferenceEquals(array, segment.Array));

        // What a completed pipe says, and what the outbox takes for a client that is gone.
        Assert.Throws<InvalidOperationException>(() => Output.Advance(11));
        Assert.Throws<InvalidOperationException>(() => Output.GetSpan(16));
        Assert.True((await Output.FlushAsync()).IsCompleted);
    }

    private Task SendAsync(string text) => _client.SendAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None);

    private async Task<ReadResult> ReadAtLeastAsync(int bytes)
    {
        var read = await Input.ReadAsync().AsTask().WaitAsync(Patience);
        while (read.Buffer.Length < bytes && !read.IsCompleted)
        {
            Input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            read = await Input.ReadAsync().AsTask().WaitAsync(Patience);
        }
        return read;
    }

    private static string Text(ReadOnlySequence<byte> bytes) => Encoding.UTF8.GetString(bytes.ToArray());
}
