namespace Chat.Specs.Support;

/// <summary>
/// Holds a group-commit writer thread inside a batch, to make batching deterministic: whatever
/// is submitted while the writer is parked waits in the queue and forms the next batch.
/// </summary>
public sealed class WriterParking : IDisposable
{
    private readonly List<ManualResetEventSlim> _releases = [];

    /// <summary>
    /// Submits (through <paramref name="submit"/>) a write that runs the action it is given and
    /// so holds the writer until released; returns once the writer is holding.
    /// </summary>
    public async Task<ParkedWriter> ParkAsync(Func<Action, Task> submit)
    {
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new ManualResetEventSlim();
        _releases.Add(release);
        var write = submit(() =>
        {
            holding.TrySetResult();
            release.Wait();
        });
        await holding.Task;
        return new ParkedWriter(release, write);
    }

    /// <summary>A spec that failed while the writer was parked must not leave disposal waiting on it.</summary>
    public void ReleaseAll() => _releases.ForEach(release => release.Set());

    public void Dispose() => _releases.ForEach(release => release.Dispose());
}

public sealed record ParkedWriter(ManualResetEventSlim Release, Task Write)
{
    public async Task ReleaseAsync()
    {
        Release.Set();
        await Write;
    }
}
