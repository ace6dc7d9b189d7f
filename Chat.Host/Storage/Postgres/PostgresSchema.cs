using Microsoft.Extensions.Logging;
using Npgsql;

namespace Chat.Host.Storage.Postgres;

/// <summary>
/// The PostgreSQL layout, owned and versioned by the host like <see cref="SqliteSchema"/>: each
/// migration moves the schema one version up and is recorded in <c>schema_version</c>; shipped
/// migrations are never edited, changes are new entries at the end. Several hosts may start at
/// once against one database, so migrating holds an advisory lock for its transaction.
/// </summary>
internal static class PostgresSchema
{
    // Names (usernames, rooms) are COLLATE "C": they sort and compare by code point, as in
    // SQLite, whatever locale the database was created with, and their indexes serve ORDER BY.
    // Times are timestamptz at millisecond precision (see UnixMilliseconds): readable in psql.
    private static readonly Migration[] Migrations =
    [
        // 1: accounts, room history and memberships, direct messages and resume tokens.
        new("""
        CREATE TABLE accounts (
            username      text COLLATE "C" NOT NULL PRIMARY KEY,
            password_hash text        NOT NULL,
            nickname      text        NOT NULL,
            created       timestamptz NOT NULL,
            last_seen     timestamptz
        );

        -- Keyed by (room, seq): a page of history is one range read of the primary key.
        CREATE TABLE room_messages (
            room     text COLLATE "C" NOT NULL,
            seq      bigint      NOT NULL,
            username text COLLATE "C" NOT NULL,
            nickname text        NOT NULL,
            text     text        NOT NULL,
            ts       timestamptz NOT NULL,
            PRIMARY KEY (room, seq)
        );

        -- Keyed by (room, username) so joining twice is a conflict, not a second row.
        CREATE TABLE room_members (
            room          text COLLATE "C" NOT NULL,
            username      text COLLATE "C" NOT NULL,
            last_read_seq bigint      NOT NULL,
            joined        timestamptz NOT NULL,
            PRIMARY KEY (room, username)
        );
        CREATE INDEX room_members_by_user ON room_members (username, room);

        -- user_low/user_high name the conversation whichever way a message went, so one index
        -- serves "A and B, before id N, newest first" in both directions.
        CREATE TABLE direct_messages (
            id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            sender          text COLLATE "C" NOT NULL,
            sender_nickname text        NOT NULL,
            recipient       text COLLATE "C" NOT NULL REFERENCES accounts (username),
            text            text        NOT NULL,
            ts              timestamptz NOT NULL,
            delivered       boolean     NOT NULL DEFAULT false,
            read            boolean     NOT NULL DEFAULT false,
            user_low        text COLLATE "C" GENERATED ALWAYS AS (least(sender, recipient)) STORED,
            user_high       text COLLATE "C" GENERATED ALWAYS AS (greatest(sender, recipient)) STORED
        );
        CREATE INDEX direct_messages_by_conversation ON direct_messages (user_low, user_high, id);
        -- Partial indexes: they hold only the backlog, which stays small while the table grows.
        CREATE INDEX direct_messages_unread ON direct_messages (recipient, sender) WHERE NOT read;
        CREATE INDEX direct_messages_undelivered ON direct_messages (recipient, id) WHERE NOT delivered;

        CREATE TABLE resume_tokens (
            token_hash text        NOT NULL PRIMARY KEY,
            username   text COLLATE "C" NOT NULL REFERENCES accounts (username),
            expires    timestamptz NOT NULL
        );
        CREATE INDEX resume_tokens_by_expiry ON resume_tokens (expires);
        """),

        // 2: name claims, and resume tokens by account (SQLite's 4; PostgreSQL had no host_settings:
        // the admin command works on SQLite only). A name's keys (NameSkeleton) belong to one
        // account, so no nickname looks like another account's username or nickname. The keys
        // are computed in C#, so existing accounts get theirs from PostgresNameClaimsBackfill,
        // in this transaction, under the migration lock.
        new("""
        CREATE TABLE name_claims (
            skeleton text COLLATE "C" NOT NULL PRIMARY KEY,
            username text COLLATE "C" NOT NULL REFERENCES accounts (username)
        );
        CREATE INDEX name_claims_by_user ON name_claims (username);

        -- Resume tokens are bounded per account, oldest first.
        CREATE INDEX resume_tokens_by_user ON resume_tokens (username, expires);
        """, PostgresNameClaimsBackfill.RunAsync),

        // 3: rooms, each with the account that created it (SQLite's 5): created_by is the
        // username of the join that made the room, so the rooms one account creates are bounded.
        // The lobby is the host's: no creator. A room stays when its members leave. Rooms from
        // before: made by the member who joined first; a room everyone has left, by the sender of
        // its oldest kept message.
        new("""
        CREATE TABLE rooms (
            room       text COLLATE "C" NOT NULL PRIMARY KEY,
            created_by text COLLATE "C",
            created    timestamptz NOT NULL
        );
        CREATE INDEX rooms_by_creator ON rooms (created_by) WHERE created_by IS NOT NULL;

        INSERT INTO rooms (room, created_by, created)
        SELECT DISTINCT ON (room) room, username, joined FROM room_members
        WHERE room <> 'lobby' ORDER BY room, joined, username;

        INSERT INTO rooms (room, created_by, created)
        SELECT DISTINCT ON (room) room, username, ts FROM room_messages
        WHERE room <> 'lobby' ORDER BY room, seq
        ON CONFLICT (room) DO NOTHING;

        INSERT INTO rooms (room, created_by, created) VALUES ('lobby', NULL, date_trunc('milliseconds', now()))
        ON CONFLICT (room) DO NOTHING;
        """),

        // 4: SQLite's 6: moderation (room roles, bans and mutes, invitations, topic and flags,
        // the audit table), users' ignore lists, and what the admin command decides about
        // accounts (host operators, disabled accounts, host-wide bans) with the actions the
        // host polls.
        new("""
        CREATE TABLE room_roles (
            room     text COLLATE "C" NOT NULL,
            username text COLLATE "C" NOT NULL,
            role     text NOT NULL CHECK (role IN ('owner', 'operator')),
            PRIMARY KEY (room, username)
        );

        -- kind is 'ban' or 'mute'; until NULL: until lifted.
        CREATE TABLE room_restrictions (
            room     text COLLATE "C" NOT NULL,
            username text COLLATE "C" NOT NULL,
            kind     text NOT NULL CHECK (kind IN ('ban', 'mute')),
            until    timestamptz,
            reason   text,
            PRIMARY KEY (room, username, kind)
        );

        CREATE TABLE room_invites (
            room     text COLLATE "C" NOT NULL,
            username text COLLATE "C" NOT NULL,
            PRIMARY KEY (room, username)
        );

        CREATE TABLE room_settings (
            room        text COLLATE "C" NOT NULL PRIMARY KEY,
            topic       text    NOT NULL DEFAULT '',
            invite_only boolean NOT NULL DEFAULT false,
            private     boolean NOT NULL DEFAULT false
        );

        -- Who did what to whom, when and why: one row per moderation action, never changed.
        CREATE TABLE moderation_audit (
            id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            room        text COLLATE "C" NOT NULL,
            action      text NOT NULL,
            by_user     text COLLATE "C" NOT NULL,
            target      text COLLATE "C",
            reason      text,
            until       timestamptz,
            topic       text,
            invite_only boolean,
            private     boolean,
            at          timestamptz NOT NULL
        );
        CREATE INDEX moderation_audit_by_room ON moderation_audit (room, id);

        CREATE TABLE ignores (
            username text COLLATE "C" NOT NULL REFERENCES accounts (username),
            ignored  text COLLATE "C" NOT NULL,
            PRIMARY KEY (username, ignored)
        );

        ALTER TABLE accounts ADD COLUMN host_operator boolean NOT NULL DEFAULT false;
        ALTER TABLE accounts ADD COLUMN disabled boolean NOT NULL DEFAULT false;

        CREATE TABLE host_bans (
            username text COLLATE "C" NOT NULL PRIMARY KEY,
            until    timestamptz,
            reason   text,
            by_user  text NOT NULL,
            at       timestamptz NOT NULL
        );

        -- What the admin command did that running hosts must act on (end an account's
        -- sessions, a new operator); each host polls past the last id it saw.
        CREATE TABLE admin_actions (
            id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            action   text NOT NULL,
            username text COLLATE "C",
            room     text COLLATE "C",
            reason   text,
            at       timestamptz NOT NULL
        );
        """),

        // 5 (SQLite's 7): each user's open DM conversations, kept so the conversation list comes
        // back at the next login, in the order they opened ("opened": the id of the DM that
        // opened it). Conversations that have messages start open for both users.
        new("""
        CREATE TABLE open_directs (
            username text COLLATE "C" NOT NULL,
            other    text COLLATE "C" NOT NULL,
            opened   bigint NOT NULL,
            PRIMARY KEY (username, other)
        );
        CREATE INDEX open_directs_in_order ON open_directs (username, opened);

        INSERT INTO open_directs (username, other, opened)
        SELECT user_low, user_high, max(id) FROM direct_messages GROUP BY user_low, user_high
        UNION
        SELECT user_high, user_low, max(id) FROM direct_messages GROUP BY user_low, user_high
        ON CONFLICT DO NOTHING;

        -- !search: full-text indexes of room and direct messages ('simple': whole words, any
        -- case, no stemming, as SQLite's FTS5 finds them).
        CREATE INDEX room_messages_search ON room_messages USING gin (to_tsvector('simple', text));
        CREATE INDEX direct_messages_search ON direct_messages USING gin (to_tsvector('simple', text));
        """),

        // 6: the admin command on PostgreSQL. host_settings as in SQLite (the message of the
        // day); each admin action announced to every host at commit (NOTIFY chat_admin_actions,
        // its id the payload) by a trigger, so a row written by hand is announced too; and in a
        // cluster the node that claims an action (applied_by) is the one that applies it.
        new("""
        CREATE TABLE host_settings (
            name  text NOT NULL PRIMARY KEY,
            value text NOT NULL
        );

        ALTER TABLE admin_actions ADD COLUMN applied_by text;

        CREATE FUNCTION chat_admin_action_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('chat_admin_actions', NEW.id::text);
            RETURN NEW;
        END
        $$;
        CREATE TRIGGER admin_actions_notify AFTER INSERT ON admin_actions
            FOR EACH ROW EXECUTE FUNCTION chat_admin_action_notify();
        """),

        // 7 (SQLite's 8): joins, leaves and nickname changes kept in room history, numbered with
        // the messages: "event" is null for a message, else joined, left or nick (whose text is
        // the old nickname). Search and unread counts take messages only.
        new("""
        ALTER TABLE room_messages ADD COLUMN event text COLLATE "C";
        """),
    ];

    // Any constant will do as long as nothing else in the database uses it; advisory locks are
    // per database, so hosts of different chats on one server do not wait for each other.
    private const long MigrationLockKey = 0x63686174_736368; // "chatsch"

    public static int LatestVersion => Migrations.Length;

    /// <summary>
    /// Applies every migration the database has not seen, in one transaction, holding the
    /// migration lock: a host that starts meanwhile waits, then finds the schema current.
    /// Returns how many ran. <paramref name="upToVersion"/> stops early, to make databases as
    /// older hosts left them.
    /// </summary>
    public static async Task<int> MigrateAsync(NpgsqlConnection connection, ILogger logger, CancellationToken cancellationToken, int? upToVersion = null)
    {
        var target = upToVersion ?? LatestVersion;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock($1);", cancellationToken, MigrationLockKey).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL PRIMARY KEY, applied timestamptz NOT NULL);",
            cancellationToken).ConfigureAwait(false);

        var current = await CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database is at schema version {current}, newer than the {LatestVersion} this host knows; refusing to open it with an older host.");
        }

        for (var version = current + 1; version <= target; version++)
        {
            var migration = Migrations[version - 1];
            await ExecuteAsync(connection, migration.Sql, cancellationToken).ConfigureAwait(false);
            if (migration.Backfill is { } backfill)
            {
                await backfill(connection, logger, cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(
                connection,
                "INSERT INTO schema_version (version, applied) VALUES ($1, $2);",
                cancellationToken,
                version,
                UnixMilliseconds.AsStored(DateTime.UtcNow)).ConfigureAwait(false);
            logger.LogInformation("Migrated the chat database to schema version {Version}", version);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return Math.Max(0, target - current);
    }

    /// <summary>
    /// One schema version: its DDL, then, for what SQL cannot compute (name keys), a step in C#
    /// on the same connection and transaction.
    /// </summary>
    private sealed record Migration(string Sql, Func<NpgsqlConnection, ILogger, CancellationToken, Task>? Backfill = null);

    private static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version;", connection);
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = PostgresCommands.Command(connection, sql, values);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
