using System.Runtime.InteropServices;
using Toolshed.Bench.Modern;

ModernBenchOptions options;
try
{
    options = ModernBenchOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

// A hard ceiling whatever happens: the client's whole schedule, or the serving side left behind by its script.
using var lifetime = new CancellationTokenSource(options.Mode == "serve" ? TimeSpan.FromMinutes(20) : TimeSpan.FromMinutes(10));
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    lifetime.Cancel();
});
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    lifetime.Cancel();
};

return options.Mode switch
{
    "serve" => await ProxyHost.ServeAsync(options, lifetime.Token),
    "measure" => await Schedule.MeasureAsync(options, lifetime.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine(ModernBenchOptions.Usage);
    return 2;
}
