using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Testing;

namespace Toolshed.Runtime.Docker.Tests;

/// <summary>
/// One test's view of the engine: a runtime, a label unique to this scope so parallel tests never see each other's
/// containers, unique container names, and removal of everything carrying the label on dispose.
/// </summary>
public sealed class DockerTestScope : IAsyncDisposable
{
    public const string RunLabel = "toolshed.test-run";

    private readonly DockerEngineConnection _connection;

    public DockerTestScope(string? endpoint = null)
    {
        _connection = new DockerEngineConnection(
            Options.Create(new DockerRuntimeOptions { Endpoint = endpoint }), NullLogger<DockerEngineConnection>.Instance);
        Runtime = new DockerContainerEngine(_connection, NullLogger<DockerContainerEngine>.Instance, TimeProvider.System);
    }

    public string RunId { get; } = Guid.NewGuid().ToString("N");

    public DockerContainerEngine Runtime { get; }

    public IReadOnlyDictionary<string, string> RunLabels => new Dictionary<string, string> { [RunLabel] = RunId };

    public ContainerSpec Spec(string image, string purpose) => new()
    {
        Name = $"toolshed-test-{purpose}-{Guid.NewGuid():N}",
        Image = image,
        Labels = new Dictionary<string, string> { [RunLabel] = RunId, ["toolshed.test-purpose"] = purpose },
        OpenStdin = true,
    };

    public async ValueTask DisposeAsync()
    {
        if (Runtime is not null)
        {
            try
            {
                var leftovers = await Runtime.ListContainersAsync(RunLabels, all: true, CancellationToken.None);
                foreach (var container in leftovers)
                {
                    await Runtime.RemoveContainerAsync(container.Id, force: true, CancellationToken.None);
                }
            }
            catch (Core.Errors.ContainerEngineUnavailableException)
            {
                // A scope pointed at a dead engine has nothing to clean.
            }
        }

        _connection.Dispose();
    }

    /// <summary>A token that ends the test's wait after <paramref name="seconds"/> rather than hanging the run.</summary>
    public static CancellationTokenSource Timeout(int seconds = 60)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(TimeSpan.FromSeconds(seconds));
        return source;
    }

    public static void RequireEngine() => DockerRequirement.EnsureAvailable();
}
