using Chat.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chat.Specs.Hosting;

/// <summary>What the host's logging keeps: no scopes, which no formatter of its prints.</summary>
public sealed class HostLoggingSpecs
{
    /// <summary>A provider that, like the console's, would print the scopes it is given.</summary>
    private sealed class ScopeReader : ILoggerProvider, ISupportExternalScope
    {
        public IExternalScopeProvider? Scopes { get; private set; }

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => Scopes = scopeProvider;

        public ILogger CreateLogger(string categoryName) => Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_scope_such_as_kestrel_opens_for_every_connection_is_not_kept(bool jsonLogs)
    {
        var builder = WebApplication.CreateSlimBuilder();
        HostLogging.Configure(builder, new ObservabilitySettings(MetricsPort: null, JsonLogs: jsonLogs));
        var reader = new ScopeReader();
        builder.Logging.AddProvider(reader);
        using var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Server.Kestrel");

        var kept = new List<object?>();
        using (logger.BeginScope("ConnectionId:1"))
            reader.Scopes?.ForEachScope((scope, list) => list.Add(scope), kept);

        Assert.Empty(kept);
    }
}
