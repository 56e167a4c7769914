using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Toolshed.Server.Images;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Images;

/// <summary>A pull that never gets an answer from its registry ends at the daemon's pull timeout, as a problem.</summary>
public sealed class PullTimeoutTests
{
    [Fact]
    public async Task PullImage_RegistryNeverAnswers_Is502ProblemAtTheTimeout()
    {
        DockerRequirement.EnsureAvailable();
        var ct = TestContext.Current.CancellationToken;
        // A registry that accepts connections and never says a word: the engine waits on it.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<Socket>();
        var accepting = AcceptForeverAsync(silent, held, ct);
        using var home = new TemporaryDirectory("toolshed-pull-timeout");
        await using var daemon = await DaemonHost.StartAsync(TestPaths.In(home), ct, builder =>
            builder.Services.AddSingleton(new ImagePullOptions { Timeout = TimeSpan.FromSeconds(2) }));
        var image = $"127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/toolshed/silent:1";

        try
        {
            var answer = await PullStreamReader.PullAsync(daemon.Client, image);

            Assert.True(answer.Response.StatusCode == HttpStatusCode.BadGateway, answer.Body);
            using var problem = JsonDocument.Parse(answer.Body);
            Assert.Equal($"Pulling {image} did not finish within 2 s, so it was cancelled.", problem.RootElement.GetProperty("detail").GetString());
            Assert.NotEqual(0, await DockerCli.TryAsync("image", "inspect", image));
        }
        finally
        {
            silent.Stop();
            await accepting;
            foreach (var socket in held)
            {
                socket.Dispose();
            }
        }
    }

    private static async Task AcceptForeverAsync(TcpListener listener, List<Socket> held, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                held.Add(await listener.AcceptSocketAsync(cancellationToken));
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopped.
        }
    }
}
