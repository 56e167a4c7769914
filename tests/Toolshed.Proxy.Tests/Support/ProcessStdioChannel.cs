using System.Diagnostics;
using System.IO.Pipelines;
using Toolshed.Core.Runtime;

namespace Toolshed.Proxy.Tests.Support;

/// <summary>A local process's standard streams as an <see cref="IStdioChannel"/>: what a container attach gives the daemon.</summary>
internal sealed class ProcessStdioChannel : IStdioChannel
{
    private readonly Process _process;

    private ProcessStdioChannel(Process process)
    {
        _process = process;
        Output = PipeReader.Create(process.StandardOutput.BaseStream);
        Errors = PipeReader.Create(process.StandardError.BaseStream);
    }

    public Stream Input => _process.StandardInput.BaseStream;

    public PipeReader Output { get; }

    public PipeReader Errors { get; }

    public bool HasExited => _process.HasExited;

    public static ProcessStdioChannel Start(string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        return new ProcessStdioChannel(process);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
