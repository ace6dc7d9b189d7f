using Akka.Actor;
using Chat.Actors.Delivery;
using Chat.Protocol;
using Chat.Actors.Users;
using Chat.Specs.Support;

namespace Chat.Specs.Users;

public sealed class AttachConnectionSpecs
{
    [Fact]
    public void Its_printed_form_leaves_out_the_resume_token()
    {
        // Akka prints undeliverable messages into the log: the token there would log anyone in.
        var attach = new AttachConnection("alice", "alice", new ClientConnection(ActorRefs.Nobody, ActorRefs.Nobody), RequestId.FromNumber(2))
        {
            ResumeToken = "s3cret-token",
        };

        Assert.DoesNotContain("s3cret-token", attach.ToString());
        Assert.Contains("alice", attach.ToString());
    }
}
