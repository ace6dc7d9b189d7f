using System.Reflection;
using Chat.Actors.Storage;

namespace Chat.Specs.Support;

/// <summary>
/// A real store one of whose calls, once <see cref="Hold"/> is said, waits until the spec says
/// <see cref="Release"/>, then goes to the real store: a store call is in flight at a moment the
/// spec chooses, without timing. Every other call, and that one before <see cref="Hold"/>, goes
/// straight through. Only calls that return <see cref="Task"/> or <see cref="Task{Boolean}"/> can be held.
/// </summary>
public class StoreCallsHeld : DispatchProxy
{
    private IChatStore _store = null!;
    private string _method = "";
    private volatile bool _holding;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="method">The name of the <see cref="IChatStore"/> method to hold, say nameof(IChatStore.SetNicknameAsync).</param>
    public static StoreCallsHeld Over(IChatStore store, string method)
    {
        var held = (StoreCallsHeld)(object)Create<IChatStore, StoreCallsHeld>();
        (held._store, held._method) = (store, method);
        return held;
    }

    /// <summary>The store to hand the actors.</summary>
    public IChatStore Store => (IChatStore)(object)this;

    /// <summary>Calls of the method from now on wait.</summary>
    public void Hold() => _holding = true;

    /// <summary>The calls that wait, and any later ones, go to the real store.</summary>
    public void Release() => _released.TrySetResult();

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        object? Call() => method!.Invoke(_store, args);
        if (!_holding || method!.Name != _method)
            return Call();
        if (method.ReturnType == typeof(Task))
            return _released.Task.ContinueWith(_ => (Task)Call()!, TaskScheduler.Default).Unwrap();
        if (method.ReturnType == typeof(Task<bool>))
            return _released.Task.ContinueWith(_ => (Task<bool>)Call()!, TaskScheduler.Default).Unwrap();
        throw new NotSupportedException($"{method.Name} returns {method.ReturnType.Name}: only Task and Task<bool> calls can be held");
    }
}
