using Akka.Actor;
using Chat.Host.Hosting;
using Chat.Host.Storage;
using Chat.Specs.Support;

namespace Chat.Specs.Hosting;

/// <summary>/healthz's verdict against a real store and a real actor system, healthy and not.</summary>
public sealed class HostHealthSpecs : ActorSpec
{
    [Fact]
    public async Task A_store_that_answers_and_actors_that_answer_are_healthy()
    {
        var report = await HostHealth.CheckAsync(Store, Sys, TestActor);

        Assert.True(report.Healthy, report.Text);
        Assert.Equal("ok\n", report.Text);
    }

    [Fact]
    public async Task A_store_that_cannot_read_is_named_as_the_reason()
    {
        using var data = new TempDirectory();
        var closed = await SqliteChatStore.OpenAsync(data.Path);
        await closed.DisposeAsync();

        var report = await HostHealth.CheckAsync(closed, Sys, TestActor);

        Assert.False(report.Healthy);
        Assert.StartsWith("store: a read failed", Assert.Single(report.Problems));
    }

    [Fact]
    public async Task A_stopped_actor_system_is_named_as_the_reason()
    {
        var stopped = ActorSystem.Create("stopped");
        var rooms = stopped.ActorOf(Props.Empty, "rooms");
        await stopped.Terminate();

        var report = await HostHealth.CheckAsync(Store, stopped, rooms);

        Assert.Equal(["actors: the actor system has stopped"], report.Problems);
    }
}
