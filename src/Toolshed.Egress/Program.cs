using System.Globalization;
using Toolshed.Egress;
using Toolshed.Egress.Policy;

// The sidecar's entry point: the allow-list, the admitted client subnets and the port come from the environment.
EgressPolicy policy;
ClientFilter clients;
try
{
    policy = EgressPolicy.FromEnvironment(Environment.GetEnvironmentVariable);
    clients = ClientFilter.FromEnvironment(Environment.GetEnvironmentVariable);
}
catch (FormatException ex)
{
    await Console.Error.WriteLineAsync($"toolshed-egress: {ex.Message}");
    return 2;
}

var port = int.TryParse(Environment.GetEnvironmentVariable("TOOLSHED_EGRESS_PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 3128;
using var stopping = new CancellationTokenSource();
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
    {
        context.Cancel = true;
        stopping.Cancel();
    });
using var server = new EgressServer(policy, clients);
server.Listen(port);
await server.RunAsync(stopping.Token);
return 0;
