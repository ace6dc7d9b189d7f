using System.Text.Json;
using Chat.Actors.Identity;
using Microsoft.Data.Sqlite;

namespace Chat.Host.Storage;

/// <summary>
/// The identity rules as SQL functions on the writer's connection, so the name claims (and
/// the migration that fills them for existing accounts) use the same folding as the chat.
/// </summary>
internal static class SqliteNameFunctions
{
    public static void Register(SqliteConnection connection)
    {
        // Fails here, as the store opens, when names cannot be normalised (no ICU): the host
        // must not start and then compare names it cannot fold.
        _ = NameSkeleton.Keys("check");
        // A JSON array, read with json_each: a name claims one or two keys.
        connection.CreateFunction(
            "chat_name_keys",
            (string name) => JsonSerializer.Serialize(NameSkeleton.Keys(name)),
            isDeterministic: true);
        connection.CreateFunction(
            "chat_nickname_ok",
            (string nickname) => NicknameRules.TryNormalize(nickname, out var normalized, out _) && normalized == nickname,
            isDeterministic: true);
    }
}
