using Chat.Tui.Session;

namespace Chat.Specs.Tui.Session;

/// <summary>
/// What a spec reads from its sessions and does to them, done as the views do it: on the one
/// thread the state changes on. In the app that is the UI thread (the link's changes come through
/// app.Invoke); a spec session runs its changes under <see cref="SessionFixture.StateGate"/>, and a
/// spec holds the same gate to read or to act. Outside it, enumerating a conversation's lines
/// races a frame the link's thread is adding to them, and a Submit or a Select changes the state
/// beside a frame that is changing it too.
/// </summary>
public static class Gated
{
    /// <summary>
    /// What <paramref name="read"/> returns, read while no change is applied. A list must be
    /// copied inside (ToList): a live one handed out would be read after the gate is left.
    /// </summary>
    public static T Read<T>(Func<T> read)
    {
        lock (SessionFixture.StateGate)
            return read();
    }

    /// <summary>Runs a step (what a key does, or assertions about the state) while no change is applied.</summary>
    public static void Run(Action step)
    {
        lock (SessionFixture.StateGate)
            step();
    }

    /// <summary>What Enter in the input bar does with <paramref name="input"/>: <see cref="ChatSession.Submit"/>, on the views' thread.</summary>
    public static bool Enter(this ChatSession session, string input) => Read(() => session.Submit(input));
}
