using Microsoft.Extensions.Logging;

namespace Toolshed.Proxy.Tests.Support;

/// <summary>Sends the proxy's logs to the running test's output, so a failure shows what the proxy saw.</summary>
internal sealed class TestOutputLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new OutputLogger(categoryName);

    public void Dispose()
    {
    }

    private sealed class OutputLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        private static readonly string? s_file = Environment.GetEnvironmentVariable("TOOLSHED_PROXY_TEST_LOG");

        public bool IsEnabled(LogLevel logLevel) =>
            logLevel >= (s_file is null ? LogLevel.Debug : LogLevel.Trace) && (category.StartsWith("Toolshed", StringComparison.Ordinal) || (s_file is not null && category.StartsWith("ModelContextProtocol", StringComparison.Ordinal)));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                if (s_file is not null)
                {
                    lock (s_file)
                    {
                        File.AppendAllText(s_file, $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel}: {category} {formatter(state, exception)}\n");
                    }
                }

                TestContext.Current.TestOutputHelper?.WriteLine($"{logLevel}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
            }
        }
    }
}
