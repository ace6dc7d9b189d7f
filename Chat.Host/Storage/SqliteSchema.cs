using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Chat.Host.Storage;

/// <summary>
/// The database layout, owned and versioned by the host. Each migration moves the schema one
/// version up and is recorded in <c>schema_version</c>; shipped migrations are never edited,
/// changes are new entries at the end.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        // 1: accounts, room history, direct messages and resume tokens.
        """
        CREATE TABLE accounts (
            username      TEXT    NOT NULL PRIMARY KEY,
            password_hash TEXT    NOT NULL,
            nickname      TEXT    NOT NULL,
            created       INTEGER NOT NULL
        ) WITHOUT ROWID;

        -- Keyed by (room, seq) and clustered on it: a page of history is one range read.
        CREATE TABLE room_messages (
            room     TEXT    NOT NULL,
            seq      INTEGER NOT NULL,
            username TEXT    NOT NULL,
            nickname TEXT    NOT NULL,
            text     TEXT    NOT NULL,
            ts       INTEGER NOT NULL,
            PRIMARY KEY (room, seq)
        ) WITHOUT ROWID;

        -- user_low/user_high name the conversation whichever way a message went, so one
        -- index serves "A and B, before id N, newest first" in both directions.
        CREATE TABLE direct_messages (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            sender          TEXT    NOT NULL,
            sender_nickname TEXT    NOT NULL,
            recipient       TEXT    NOT NULL REFERENCES accounts (username),
            text            TEXT    NOT NULL,
            ts              INTEGER NOT NULL,
            delivered       INTEGER NOT NULL DEFAULT 0,
            read            INTEGER NOT NULL DEFAULT 0,
            user_low        TEXT    GENERATED ALWAYS AS (min(sender, recipient)) VIRTUAL,
            user_high       TEXT    GENERATED ALWAYS AS (max(sender, recipient)) VIRTUAL
        );
        CREATE INDEX direct_messages_by_conversation ON direct_messages (user_low, user_high, id);

        CREATE TABLE resume_tokens (
            token_hash TEXT    NOT NULL PRIMARY KEY,
            username   TEXT    NOT NULL REFERENCES accounts (username),
            expires    INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,

        // 2: room memberships with read marks, last seen, and the unread/undelivered DM backlog.
        """
        -- Keyed by (room, username) so joining twice is a conflict, not a second row.
        CREATE TABLE room_members (
            room          TEXT    NOT NULL,
            username      TEXT    NOT NULL,
            last_read_seq INTEGER NOT NULL,
            joined        INTEGER NOT NULL,
            PRIMARY KEY (room, username)
        ) WITHOUT ROWID;
        CREATE INDEX room_members_by_user ON room_members (username, room);

        ALTER TABLE accounts ADD COLUMN last_seen INTEGER;

        -- Partial indexes: they hold only the backlog, which stays small while the table grows,
        -- and the flag updates that clear the backlog shrink them.
        CREATE INDEX direct_messages_unread ON direct_messages (recipient, sender) WHERE read = 0;
        CREATE INDEX direct_messages_undelivered ON direct_messages (recipient, id) WHERE delivered = 0;
        """,
        // 3: settings the admin command changes while the host runs (the message of the day).
        """
        CREATE TABLE host_settings (
            name  TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """,

        // 4: name claims, and resume tokens by account. A name's keys (chat_name_keys: its confusable skeletons) belong to one
        // account, so no nickname looks like another account's username or nickname.
        // Existing accounts keep every username; on a clash the older account keeps the key.
        // A nickname that breaks today's rules or looks like a name another account holds goes
        // back to being the account's username.
        """
        CREATE TABLE name_claims (
            skeleton TEXT NOT NULL PRIMARY KEY,
            username TEXT NOT NULL REFERENCES accounts (username)
        ) WITHOUT ROWID;
        CREATE INDEX name_claims_by_user ON name_claims (username);

        -- Resume tokens are bounded per account, oldest first.
        CREATE INDEX resume_tokens_by_user ON resume_tokens (username, expires);

        INSERT OR IGNORE INTO name_claims (skeleton, username)
        SELECT k.value, a.username FROM accounts a, json_each(chat_name_keys(a.username)) k
        ORDER BY a.created, a.username;

        UPDATE accounts SET nickname = username
        WHERE NOT chat_nickname_ok(nickname)
           OR EXISTS (SELECT 1 FROM json_each(chat_name_keys(nickname)) k JOIN name_claims c ON c.skeleton = k.value
                      WHERE c.username <> accounts.username);

        INSERT OR IGNORE INTO name_claims (skeleton, username)
        SELECT k.value, a.username FROM accounts a, json_each(chat_name_keys(a.nickname)) k
        ORDER BY a.created, a.username;

        UPDATE accounts SET nickname = username
        WHERE EXISTS (SELECT 1 FROM json_each(chat_name_keys(nickname)) k JOIN name_claims c ON c.skeleton = k.value
                      WHERE c.username <> accounts.username);

        -- A nickname that lost half its keys above went back to the username: let the other half go.
        DELETE FROM name_claims
        WHERE skeleton NOT IN (SELECT k.value FROM accounts a, json_each(chat_name_keys(a.username)) k WHERE a.username = name_claims.username)
          AND skeleton NOT IN (SELECT k.value FROM accounts a, json_each(chat_name_keys(a.nickname)) k WHERE a.username = name_claims.username);
        """,

        // 5: rooms, each with the account that created it (created_by, its username: the join
        // that made the room), so the rooms one account creates are bounded. The lobby is the
        // host's: no creator. A room stays when its members leave (its history does too).
        // Rooms from before: made by the member who joined first; a room everyone has left, by
        // the sender of its oldest kept message.
        """
        CREATE TABLE rooms (
            room       TEXT    NOT NULL PRIMARY KEY,
            created_by TEXT,
            created    INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX rooms_by_creator ON rooms (created_by) WHERE created_by IS NOT NULL;

        INSERT INTO rooms (room, created_by, created)
        SELECT m.room, (SELECT earliest.username FROM room_members earliest WHERE earliest.room = m.room ORDER BY earliest.joined, earliest.username LIMIT 1), min(m.joined)
        FROM room_members m WHERE m.room <> 'lobby' GROUP BY m.room;

        INSERT OR IGNORE INTO rooms (room, created_by, created)
        SELECT r.room, (SELECT oldest.username FROM room_messages oldest WHERE oldest.room = r.room ORDER BY oldest.seq LIMIT 1), min(r.ts)
        FROM room_messages r WHERE r.room <> 'lobby' GROUP BY r.room;

        INSERT OR IGNORE INTO rooms (room, created_by, created)
        VALUES ('lobby', NULL, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
        """,

        // 6: moderation (room roles, bans and mutes, invitations, topic and flags, the audit
        // table), users' ignore lists, and what the admin command decides about accounts
        // (host operators, disabled accounts, host-wide bans) with the actions the host polls.
        """
        CREATE TABLE room_roles (
            room     TEXT NOT NULL,
            username TEXT NOT NULL,
            role     TEXT NOT NULL CHECK (role IN ('owner', 'operator')),
            PRIMARY KEY (room, username)
        ) WITHOUT ROWID;

        -- kind is 'ban' or 'mute'; until NULL: until lifted.
        CREATE TABLE room_restrictions (
            room     TEXT    NOT NULL,
            username TEXT    NOT NULL,
            kind     TEXT    NOT NULL CHECK (kind IN ('ban', 'mute')),
            until    INTEGER,
            reason   TEXT,
            PRIMARY KEY (room, username, kind)
        ) WITHOUT ROWID;

        CREATE TABLE room_invites (
            room     TEXT NOT NULL,
            username TEXT NOT NULL,
            PRIMARY KEY (room, username)
        ) WITHOUT ROWID;

        CREATE TABLE room_settings (
            room        TEXT    NOT NULL PRIMARY KEY,
            topic       TEXT    NOT NULL DEFAULT '',
            invite_only INTEGER NOT NULL DEFAULT 0,
            private     INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;

        -- Who did what to whom, when and why: one row per moderation action, never changed.
        CREATE TABLE moderation_audit (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            room        TEXT    NOT NULL,
            action      TEXT    NOT NULL,
            by_user     TEXT    NOT NULL,
            target      TEXT,
            reason      TEXT,
            until       INTEGER,
            topic       TEXT,
            invite_only INTEGER,
            private     INTEGER,
            at          INTEGER NOT NULL
        );
        CREATE INDEX moderation_audit_by_room ON moderation_audit (room, id);

        CREATE TABLE ignores (
            username TEXT NOT NULL REFERENCES accounts (username),
            ignored  TEXT NOT NULL,
            PRIMARY KEY (username, ignored)
        ) WITHOUT ROWID;

        ALTER TABLE accounts ADD COLUMN host_operator INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE accounts ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;

        CREATE TABLE host_bans (
            username TEXT    NOT NULL PRIMARY KEY,
            until    INTEGER,
            reason   TEXT,
            by_user  TEXT    NOT NULL,
            at       INTEGER NOT NULL
        ) WITHOUT ROWID;

        -- What the admin command did that running hosts must act on (end an account's
        -- sessions, a new operator); each host polls past the last id it saw.
        CREATE TABLE admin_actions (
            id       INTEGER PRIMARY KEY AUTOINCREMENT,
            action   TEXT    NOT NULL,
            username TEXT,
            room     TEXT,
            reason   TEXT,
            at       INTEGER NOT NULL
        );
        """,

        // 7:
        // each user's open DM conversations, so the conversation list comes back at the next
        // login. "opened" is the id of the DM that opened it, so the list keeps the order of
        // opening. Every conversation that has messages starts open for both users, in the order
        // of its newest message.
        """
        CREATE TABLE open_directs (
            username TEXT    NOT NULL,
            other    TEXT    NOT NULL,
            opened   INTEGER NOT NULL,
            PRIMARY KEY (username, other)
        ) WITHOUT ROWID;
        CREATE INDEX open_directs_in_order ON open_directs (username, opened);

        INSERT OR IGNORE INTO open_directs (username, other, opened)
        SELECT user_low, user_high, max(id) FROM direct_messages GROUP BY user_low, user_high
        UNION ALL
        SELECT user_high, user_low, max(id) FROM direct_messages GROUP BY user_low, user_high;

        -- !search: full-text indexes (FTS5) of room and direct messages, kept by triggers, so
        -- pruning and every other write keep them in step. Room messages have no integer key, so
        -- each room gets a number and a message's row in the index is (room number << 36) + seq:
        -- one room's messages are one rowid range, newest last.
        CREATE TABLE room_numbers (
            number INTEGER PRIMARY KEY AUTOINCREMENT,
            room   TEXT NOT NULL UNIQUE
        );
        CREATE VIRTUAL TABLE room_search USING fts5 (text, content = '');
        CREATE VIRTUAL TABLE direct_search USING fts5 (text, content = 'direct_messages', content_rowid = 'id');

        CREATE TRIGGER room_messages_searchable AFTER INSERT ON room_messages BEGIN
            INSERT OR IGNORE INTO room_numbers (room) VALUES (new.room);
            INSERT INTO room_search (rowid, text)
            VALUES (((SELECT number FROM room_numbers WHERE room = new.room) << 36) + new.seq, new.text);
        END;
        CREATE TRIGGER room_messages_unsearchable AFTER DELETE ON room_messages BEGIN
            INSERT INTO room_search (room_search, rowid, text)
            VALUES ('delete', ((SELECT number FROM room_numbers WHERE room = old.room) << 36) + old.seq, old.text);
        END;
        CREATE TRIGGER direct_messages_searchable AFTER INSERT ON direct_messages BEGIN
            INSERT INTO direct_search (rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER direct_messages_unsearchable AFTER DELETE ON direct_messages BEGIN
            INSERT INTO direct_search (direct_search, rowid, text) VALUES ('delete', old.id, old.text);
        END;

        INSERT INTO room_numbers (room) SELECT DISTINCT room FROM room_messages ORDER BY room;
        INSERT INTO room_search (rowid, text)
        SELECT (n.number << 36) + m.seq, m.text FROM room_messages m JOIN room_numbers n ON n.room = m.room;
        INSERT INTO direct_search (direct_search) VALUES ('rebuild');
        """,

        // 8: joins, leaves and nickname changes kept in room history, numbered with the
        // messages: "event" is null for a message, else joined, left or nick (whose text is the
        // old nickname). Only messages are searchable: the triggers index them alone, and take
        // out of the contentless index only what they put in.
        """
        ALTER TABLE room_messages ADD COLUMN event TEXT;

        DROP TRIGGER room_messages_searchable;
        DROP TRIGGER room_messages_unsearchable;
        CREATE TRIGGER room_messages_searchable AFTER INSERT ON room_messages WHEN new.event IS NULL BEGIN
            INSERT OR IGNORE INTO room_numbers (room) VALUES (new.room);
            INSERT INTO room_search (rowid, text)
            VALUES (((SELECT number FROM room_numbers WHERE room = new.room) << 36) + new.seq, new.text);
        END;
        CREATE TRIGGER room_messages_unsearchable AFTER DELETE ON room_messages WHEN old.event IS NULL BEGIN
            INSERT INTO room_search (room_search, rowid, text)
            VALUES ('delete', ((SELECT number FROM room_numbers WHERE room = old.room) << 36) + old.seq, old.text);
        END;
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    /// <summary>
    /// Settings for the one connection that writes. The file-level ones (WAL) stick to the
    /// file; the rest hold for this connection only.
    /// </summary>
    public static void ConfigureWriter(SqliteConnection connection)
    {
        // WAL lets readers work on their own connections while the writer commits.
        var journalMode = Query(connection, "PRAGMA journal_mode = WAL;");
        if (!string.Equals(journalMode as string, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The chat database could not switch to WAL (journal mode is '{journalMode}').");
        }

        // The durability rule: nothing is acknowledged before it is committed. With WAL,
        // synchronous=NORMAL already keeps every commit across a process crash (kill -9): the
        // WAL frames were written to the OS before COMMIT returned. It does not across power
        // loss or a kernel crash, because the WAL is only fsynced at checkpoints, so the last
        // acknowledged messages could vanish. FULL fsyncs the WAL on every commit; group
        // commit pays that once per batch, not per message.
        Execute(connection, "PRAGMA synchronous = FULL;");
        Execute(connection, "PRAGMA foreign_keys = ON;");
        Execute(connection, "PRAGMA busy_timeout = 5000;");
    }

    /// <summary>
    /// Applies every migration the file has not seen, all in one transaction; returns how many
    /// ran. <paramref name="upToVersion"/> stops early, to make files as older hosts left them.
    /// </summary>
    public static int Migrate(SqliteConnection connection, ILogger logger, int? upToVersion = null)
    {
        var target = upToVersion ?? LatestVersion;
        // Migrations (and the writes after them, on the same connection) fold names in SQL.
        SqliteNameFunctions.Register(connection);
        using var transaction = connection.BeginTransaction();
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied INTEGER NOT NULL);", transaction);

        var current = CurrentVersion(connection, transaction);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database is at schema version {current}, newer than the {LatestVersion} this host knows; refusing to open it with an older host.");
        }

        for (var version = current + 1; version <= target; version++)
        {
            Execute(connection, Migrations[version - 1], transaction);
            RecordVersion(connection, transaction, version);
            logger.LogInformation("Migrated the chat database to schema version {Version}", version);
        }

        transaction.Commit();
        return Math.Max(0, target - current);
    }

    private static int CurrentVersion(SqliteConnection connection, SqliteTransaction transaction) =>
        Convert.ToInt32(
            Query(connection, "SELECT coalesce(max(version), 0) FROM schema_version;", transaction),
            System.Globalization.CultureInfo.InvariantCulture);

    private static void RecordVersion(SqliteConnection connection, SqliteTransaction transaction, int version)
    {
        using var command = connection.Command(
            "INSERT INTO schema_version (version, applied) VALUES ($version, $applied);",
            transaction,
            ("$version", version),
            ("$applied", UnixMilliseconds.FromDateTime(DateTime.UtcNow)));
        command.ExecuteNonQuery();
    }

    // ExecuteNonQuery, not ExecuteScalar: a migration is many statements and all must run.
    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.Command(sql, transaction);
        command.ExecuteNonQuery();
    }

    private static object? Query(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.Command(sql, transaction);
        return command.ExecuteScalar();
    }
}
