using Chat.Host.Hosting;
using Chat.Host.Storage;

namespace Chat.Specs.Hosting;

public class StoreSettingsSpecs
{
    private const string Connection = "Host=127.0.0.1;Database=chat;Username=chat;Password=secret";

    private static StoreSettings Load(ChatHostOptions options) => HostConfiguration.Load(options).Store;

    [Fact]
    public void SQLite_is_the_default()
    {
        Assert.Equal(StoreKind.Sqlite, Load(new ChatHostOptions()).Kind);
    }

    [Fact]
    public void Flags_choose_postgres_with_its_connection_string_and_win_over_the_environment()
    {
        var environment = new Dictionary<string, string> { ["CHAT_STORE"] = "sqlite", ["CHAT_POSTGRES"] = "Host=env" };

        var options = ChatHostOptions.Parse(["--store", "postgres", "--postgres", Connection], environment.GetValueOrDefault);

        Assert.Equal(new StoreSettings(StoreKind.Postgres, Connection), Load(options));
    }

    [Fact]
    public void The_environment_chooses_postgres_too()
    {
        var environment = new Dictionary<string, string> { ["CHAT_STORE"] = "postgres", ["CHAT_POSTGRES"] = Connection };

        Assert.Equal(new StoreSettings(StoreKind.Postgres, Connection), Load(ChatHostOptions.Parse([], environment.GetValueOrDefault)));
    }

    [Theory]
    [InlineData("mysql", null, "neither sqlite nor postgres")]
    [InlineData("postgres", null, "needs a connection string")]
    [InlineData("postgres", "Hots=typo", "not valid")]
    [InlineData(null, Connection, "add --store postgres")]
    public void A_store_that_cannot_be_meant_is_an_error_that_says_what_to_do(string? store, string? connection, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => Load(new ChatHostOptions { Store = store, PostgresConnectionString = connection }));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Fact]
    public void Neither_the_log_line_nor_the_settings_text_show_the_password()
    {
        var settings = Load(new ChatHostOptions { Store = "postgres", PostgresConnectionString = Connection });

        Assert.Equal("PostgreSQL database \"chat\" on 127.0.0.1:5432", settings.Describe("/data"));
        Assert.DoesNotContain("secret", settings.ToString());
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_fails_the_start_in_one_line()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var settings = new StoreSettings(StoreKind.Postgres, "Host=127.0.0.1;Port=1;Database=chat;Username=chat;Password=secret;Timeout=5");

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => settings.OpenAsync("/unused", new StoreLimits(), CancellationToken.None));

        Assert.StartsWith("could not open the chat store (PostgreSQL database \"chat\" on 127.0.0.1:1)", failure.Message);
        Assert.DoesNotContain("secret", failure.Message);
    }
}
