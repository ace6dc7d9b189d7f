namespace Chat.Specs.Support;

/// <summary>Retries an assertion about something the host does asynchronously (a closed socket noticed, a lease returned).</summary>
public static class Retry
{
    public static async Task UntilItPassesAsync(Func<Task> attempt)
    {
        var deadline = DateTime.UtcNow + RawClient.Patience;
        while (true)
        {
            try
            {
                await attempt();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }
}
