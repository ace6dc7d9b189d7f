namespace Chat.Specs.Tui;

/// <summary>Waits for something another thread makes true; fails the spec with a description if it never does.</summary>
public static class Eventually
{
    /// <summary>Reads the sessions' state under the gate their changes run under (<see cref="Session.SessionFixture.StateGate"/>).</summary>
    public static bool Holds(Func<bool> condition) => Session.Gated.Read(condition);

    public static async Task True(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (!Holds(condition))
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting for: {what}");
            await Task.Delay(10);
        }
    }
}
