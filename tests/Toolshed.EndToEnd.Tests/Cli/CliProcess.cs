using System.Diagnostics;

namespace Toolshed.EndToEnd.Tests.Cli;

/// <summary>Runs a prepared `shed` process with stdin given (or closed) and returns its exit code and both outputs.</summary>
internal static class CliProcess
{
    public static async Task<ShedScript.Result> RunAsync(ProcessStartInfo start, IEnumerable<string> arguments, TimeSpan timeout, string? input = null)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ShedScript.Result(process.ExitCode, await stdout, await stderr);
    }
}
