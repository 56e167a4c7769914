using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace Toolshed.Testing;

/// <summary>
/// A real image registry — Debian's docker-registry (the distribution project's registry) — on a free port of
/// 127.0.0.1 with its own storage, so pulls can be tested where no registry on the internet is reachable. The engine
/// needs no TLS for it: dockerd treats 127.0.0.0/8 as an insecure registry by default. Dispose stops it and deletes
/// its storage.
/// </summary>
public sealed class LoopbackRegistry : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly TemporaryDirectory _storage;
    private readonly ConcurrentQueue<string> _output;

    private LoopbackRegistry(Process process, TemporaryDirectory storage, ConcurrentQueue<string> output, int port)
    {
        _process = process;
        _storage = storage;
        _output = output;
        Port = port;
    }

    public int Port { get; }

    /// <summary>"127.0.0.1:PORT", the first component of this registry's image references.</summary>
    public string Host => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>What the registry logged so far, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<LoopbackRegistry> StartAsync(CancellationToken cancellationToken)
    {
        var executable = Executables.FindOnPath("docker-registry")
            ?? throw new InvalidOperationException(
                "These tests need Debian's docker-registry (a real image registry on loopback): apt-get install docker-registry. scripts/test installs it.");
        var storage = new TemporaryDirectory("toolshed-registry");
        var port = DaemonProcess.FreePort();
        var config = storage.Combine("config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: info
              formatter: text
            storage:
              filesystem:
                rootdirectory: {storage.Combine("data")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
            """, cancellationToken);

        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        var output = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            if (e.Data.Contains($"listening on 127.0.0.1:{port}", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.OutputDataReceived += onLine;
        process.ErrorDataReceived += onLine;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"docker-registry exited at start: {string.Join('\n', output)}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new LoopbackRegistry(process, storage, output, port);
        try
        {
            await listening.Task.WaitAsync(s_startTimeout, cancellationToken);
            return registry;
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Pushes a copy of <paramref name="baseImage"/> with one new layer of random bytes as HOST/repository:tag, then
    /// removes it locally: pulling it again must download that layer (the base layers are still present locally and
    /// show as "Already exists"). Returns the reference.
    /// </summary>
    public async Task<string> PushFreshImageAsync(string baseImage, string repository, string tag, int randomBytes = 8 * 1024 * 1024)
    {
        var reference = $"{Host}/{repository}:{tag}";
        var entrypoint = (await DockerCli.RunAsync("image", "inspect", "--format", "{{json .Config.Entrypoint}}", baseImage)).Trim();
        var container = (await DockerCli.RunAsync(
            "create", "--entrypoint", "sh", baseImage, "-c",
            $"head -c {randomBytes.ToString(CultureInfo.InvariantCulture)} /dev/urandom > /opt/toolshed-pull-test.bin")).Trim();
        try
        {
            await DockerCli.RunAsync("start", "--attach", container);
            await DockerCli.RunAsync("commit", "--change", $"ENTRYPOINT {entrypoint}", "--change", "CMD []", container, reference);
        }
        finally
        {
            await DockerCli.TryAsync("rm", "--force", container);
        }

        try
        {
            await DockerCli.RunAsync("push", reference);
        }
        finally
        {
            await RemoveLocalAsync(reference);
        }

        return reference;
    }

    /// <summary>Removes a local tag (and the layers only it held); true when it is gone afterwards.</summary>
    public static async Task<bool> RemoveLocalAsync(string reference)
    {
        await DockerCli.TryAsync("rmi", reference);
        return await DockerCli.TryAsync("image", "inspect", reference) != 0;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        finally
        {
            _process.Dispose();
            _storage.Dispose();
        }
    }
}
