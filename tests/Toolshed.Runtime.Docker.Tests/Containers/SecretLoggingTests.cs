using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Testing;

namespace Toolshed.Runtime.Docker.Tests;

public sealed class SecretLoggingTests
{
    [Fact]
    public async Task CreateContainer_SecretEnvironment_NeverLoggedAtTrace()
    {
        DockerTestScope.RequireEngine();
        var ct = TestContext.Current.CancellationToken;
        var sink = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(sink));
        using var connection = new DockerEngineConnection(
            Options.Create(new DockerRuntimeOptions()), factory.CreateLogger<DockerEngineConnection>());
        var runtime = new DockerContainerEngine(connection, factory.CreateLogger<DockerContainerEngine>(), TimeProvider.System);
        await using var scope = new DockerTestScope();
        var secret = "very-secret-" + Guid.NewGuid().ToString("N");
        var spec = scope.Spec(TestImages.CSharpServer, "secret") with
        {
            Environment = new Dictionary<string, string> { ["API_TOKEN"] = secret },
        };

        var id = await runtime.CreateContainerAsync(spec, ct);
        await runtime.StartContainerAsync(id, ct);
        await runtime.InspectContainerAsync(id, ct);
        await runtime.RemoveContainerAsync(id, force: true, ct);

        Assert.NotEmpty(sink.Messages);
        Assert.DoesNotContain(sink.Messages, m => m.Contains(secret, StringComparison.Ordinal));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider, ILogger
    {
        private readonly List<string> _messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages)
                {
                    return [.. _messages];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_messages)
            {
                _messages.Add(formatter(state, exception) + " " + exception + " " + state);
            }
        }

        public void Dispose()
        {
        }
    }
}
