using Akka.Configuration;
using Chat.Actors.Accounts;
using Chat.Actors.Sessions;
using Chat.Host.Storage;

namespace Chat.Host.Hosting;

/// <summary>Reads the hardening limits out of the HOCON "chat" section; every key has its default in hocon/host.conf.</summary>
internal static class LimitsConfiguration
{
    public static SessionLimits Session(Config chat) => new()
    {
        FloodBurst = chat.GetInt("session.flood.burst"),
        FloodLinesPerSecond = chat.GetDouble("session.flood.lines-per-second"),
        FloodStrikesBeforeDisconnect = chat.GetInt("session.flood.strikes-before-disconnect"),
        FloodMaxHeldLines = chat.GetInt("session.flood.max-held-lines"),
        FloodCloseAfterIgnoringHintsFor = chat.GetTimeSpan("session.flood.close-after-ignoring-hints-for"),
        InFlightChatLines = chat.GetInt("session.in-flight-chat-lines"),
        LoginTimeout = chat.GetTimeSpan("session.login-timeout"),
        IdleProbeAfter = chat.GetTimeSpan("session.idle-probe-after"),
        ProbeAnswerWithin = chat.GetTimeSpan("session.probe-answer-within"),
    };

    public static LoginLimits Login(Config chat) => new()
    {
        FreeFailures = chat.GetInt("auth.failed-logins.free"),
        FirstDelay = chat.GetTimeSpan("auth.failed-logins.first-delay"),
        MaxDelay = chat.GetTimeSpan("auth.failed-logins.max-delay"),
        ForgetAfter = chat.GetTimeSpan("auth.failed-logins.forget-after"),
        RegistrationBurst = chat.GetInt("auth.registrations-per-address.burst"),
        RegistrationsPerHour = chat.GetDouble("auth.registrations-per-address.per-hour"),
        ResumeTokenLifetime = chat.GetTimeSpan("auth.resume-token-lifetime"),
        MaxTrackedKeys = chat.GetInt("auth.max-tracked-keys"),
    };

    public static StoreLimits Store(Config chat) => new()
    {
        MaxMessagesPerRoom = chat.GetInt("store.history.max-messages-per-room"),
        MaxMessageAge = chat.GetTimeSpan("store.history.max-age"),
        MaxWaitingDirectMessages = chat.GetInt("store.max-waiting-direct-messages"),
        MaxResumeTokensPerAccount = chat.GetInt("store.max-resume-tokens-per-account"),
        MaxOpenDirectsPerAccount = chat.GetInt("store.max-open-directs-per-account"),
        MaxRoomsPerAccount = chat.GetInt("store.max-rooms-per-account"),
        MaxRooms = chat.GetInt("store.max-rooms"),
        MaxRoomsCreatedPerAccount = chat.GetInt("store.max-rooms-created-per-account"),
        MaxMembersPerRoom = chat.GetInt("store.max-members-per-room"),
        WriteQueue = chat.GetInt("store.write-queue"),
    };

    public static HashQueueLimits HashQueue(Config chat) => new()
    {
        MaxQueued = chat.GetInt("auth.hash-queue.max-queued"),
        MaxPerPeer = chat.GetInt("auth.hash-queue.max-per-peer"),
        MaxPerAccount = chat.GetInt("auth.hash-queue.max-per-account"),
        RetryAfter = chat.GetTimeSpan("auth.hash-queue.retry-after"),
    };

    public static TransportSettings Transport(Config chat) => new()
    {
        MaxConnections = chat.GetInt("connections.max-total"),
        MaxConnectionsPerAddress = chat.GetInt("connections.max-per-address"),
        CountLoopbackPerAddress = chat.GetBoolean("connections.count-loopback-per-address"),
        IdentifyLoopbackPeers = chat.GetBoolean("connections.identify-loopback-peers"),
        MaxAnonymousPerPeer = chat.GetInt("connections.max-anonymous-per-peer"),
        MaxConnectionsPerAccount = chat.GetInt("connections.max-per-account"),
        UnixSocketMode = (UnixFileMode)Convert.ToInt32(chat.GetString("unix-socket.mode"), 8),
        PeerLogin = chat.GetBoolean("unix-socket.peer-login"),
        DrainTimeout = chat.GetTimeSpan("protocol.drain-timeout"),
        TlsCertificate = chat.GetString("tls.certificate") ?? "",
        TlsKey = chat.GetString("tls.key") ?? "",
        TlsPassword = chat.GetString("tls.password") ?? "",
    };
}
