using Akka.Actor;
using Akka.TestKit;
using Chat.Actors.Accounts;
using Chat.Protocol;
using Chat.Actors.Rooms;
using Chat.Actors.Sessions;
using Chat.Specs.Support;

namespace Chat.Specs.Sessions;

public sealed class SessionActorSpecs : ActorSpec
{
    private (IActorRef Session, TestProbe Client) Connect(int capacity = int.MaxValue)
    {
        var client = CreateTestProbe();
        var auth = Sys.ActorOf(AuthActor.Props(Store, Settings));
        var rooms = Sys.ActorOf(RoomSupervisor.Props(Store, Settings));
        return (StartSession(client, auth, rooms, Settings, capacity), client);
    }

    private static ClientFrame WithId(ClientFrame frame, long id) => frame with { Id = RequestId.FromNumber(id) };

    [Fact]
    public void Nothing_but_hello_and_ping_before_hello()
    {
        var (session, client) = Connect();

        session.Tell(new Login("alice", "password1"));
        Assert.Equal(ErrorCodes.HelloRequired, client.ExpectMsg<ErrorReply>().Code);
        session.Tell(new Hello(1));
        var welcome = client.ExpectMsg<Welcome>();

        Assert.Equal(("specs", "hi"), (welcome.Server, welcome.Motd));
    }

    [Fact]
    public void Requests_that_need_a_login_are_refused_before_it()
    {
        var (session, client) = Connect();
        session.Tell(new Hello(1));
        client.ExpectMsg<Welcome>();

        foreach (var frame in new ClientFrame[] { new Say("lobby", "hi"), new SendDirect("bob", "x"), new ChangeNick("x"), new Who(), new Logout() })
        {
            session.Tell(frame);
            Assert.Equal(ErrorCodes.NotLoggedIn, client.ExpectMsg<ErrorReply>().Code);
        }
    }

    [Fact]
    public void Frames_sent_right_behind_a_login_wait_for_it_instead_of_being_refused()
    {
        var (session, client) = Connect();
        session.Tell(new Hello(1));
        session.Tell(WithId(new Register("alice", "password1"), 1));
        client.FishForMessage(m => m is Ok);

        session.Tell(WithId(new Login("alice", "password1"), 2));
        session.Tell(WithId(new Say("lobby", "right away"), 3));

        var login = client.FishForMessage<Ok>(ok => ok.Re == RequestId.FromNumber(2));
        Assert.Equal("alice", login.User);
        Assert.NotNull(client.FishForMessage<Ok>(ok => ok.Re == RequestId.FromNumber(3)).Seq);
    }

    [Fact]
    public void A_login_right_behind_a_registration_finds_the_new_account()
    {
        var (session, client) = Connect();
        session.Tell(new Hello(1));

        session.Tell(WithId(new Register("alice", "password1"), 1));
        session.Tell(WithId(new Login("alice", "password1"), 2));

        client.ExpectMsg<Welcome>();
        Assert.Equal(RequestId.FromNumber(1), client.ExpectMsg<Ok>().Re);
        Assert.Equal(("alice", RequestId.FromNumber(2)), client.ExpectMsg<Ok>() is var login ? (login.User, login.Re) : default);
    }

    [Fact]
    public void Rejected_lines_are_answered_with_their_code_and_id()
    {
        var (session, client) = Connect();

        session.Tell(new FrameRejected(ErrorCodes.FrameTooLong, "too long", RequestId.FromString("a")));

        var error = client.ExpectMsg<ErrorReply>();
        Assert.Equal((ErrorCodes.FrameTooLong, RequestId.FromString("a")), (error.Code, error.Re));
    }

    [Fact]
    public void A_client_that_does_not_read_is_disconnected_when_its_queue_is_full()
    {
        var (session, client) = Connect(capacity: 2);

        session.Tell(new Ping());
        session.Tell(new Ping());
        session.Tell(new Ping());

        client.ExpectMsg<ErrorReply>();
        client.ExpectMsg<ErrorReply>();
        Assert.Contains("not reading", client.ExpectMsg<string>());
    }
}
