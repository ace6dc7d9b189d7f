using Chat.Host.Hosting;

namespace Chat.Specs.Hosting;

/// <summary>The flags and HOCON keys of the metrics listener, the log format and --version.</summary>
public sealed class ObservabilityOptionsSpecs
{
    private static ChatHostOptions Parse(params string[] args) => ChatHostOptions.Parse(args, _ => null);

    private static ObservabilitySettings Load(ChatHostOptions options, string hocon = "") =>
        HostConfiguration.Load(options with { ConfigOverrides = hocon }).Observability;

    [Fact]
    public void The_shipped_configuration_has_no_metrics_listener_and_text_logs() =>
        Assert.Equal(new ObservabilitySettings(MetricsPort: null, JsonLogs: false), Load(Parse()));

    [Fact]
    public void Hocon_turns_the_listener_and_json_logs_on() =>
        Assert.Equal(new ObservabilitySettings(9100, JsonLogs: true), Load(Parse(), "chat.metrics.port = 9100\nchat.logging.format = json"));

    [Fact]
    public void Flags_win_over_hocon() =>
        Assert.Equal(new ObservabilitySettings(9200, JsonLogs: false), Load(Parse("--metrics-port", "9200", "--log-format", "text"), "chat.metrics.port = 9100\nchat.logging.format = json"));

    [Fact]
    public void Port_0_is_off() => Assert.Null(Load(Parse("--metrics-port", "0"), "chat.metrics.port = 9100").MetricsPort);

    [Theory]
    [InlineData("--log-format", "yaml")]
    [InlineData("--metrics-port", "70000")]
    public void Bad_values_are_errors_that_say_what_is_allowed(string flag, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Parse(flag, value));
        Assert.Contains(value, error.Message);
    }

    [Fact]
    public void A_bad_hocon_log_format_is_an_error() =>
        Assert.Throws<ArgumentException>(() => Load(Parse(), "chat.logging.format = xml"));

    [Fact]
    public void Version_is_a_flag_of_its_own() => Assert.True(Parse("--version").ShowVersion);
}
