using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Images;

/// <summary>
/// A real loopback registry holding a fresh copy of the everything-server image (one new random layer on top of the
/// local test image), and a real in-process daemon to pull it through. Shared by the tests of one class, which run
/// one after another: each makes sure the image is absent locally before it pulls.
/// </summary>
public sealed class PullRegistryFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _home = new("toolshed-pull");

    public LoopbackRegistry Registry { get; private set; } = null!;

    /// <summary>127.0.0.1:PORT/toolshed/everything:pulltest, present in the registry and not locally.</summary>
    public string Image { get; private set; } = null!;

    public DaemonHost Daemon { get; private set; } = null!;

    public string Home => _home.Path;

    public async ValueTask InitializeAsync()
    {
        DockerRequirement.EnsureAvailable();
        try
        {
            Registry = await LoopbackRegistry.StartAsync(CancellationToken.None);
            Image = await Registry.PushFreshImageAsync(TestImages.Everything, "toolshed/everything", "pulltest");
            Daemon = await DaemonHost.StartAsync(TestPaths.In(_home), CancellationToken.None);
        }
        catch
        {
            // Nothing half-made stays behind: no registry process, no storage, no daemon.
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Daemon is not null)
            {
                await Daemon.DisposeAsync();
            }

            if (Image is not null)
            {
                await LoopbackRegistry.RemoveLocalAsync(Image);
            }
        }
        finally
        {
            if (Registry is not null)
            {
                await Registry.DisposeAsync();
            }

            _home.Dispose();
        }
    }
}
