using Toolshed.Bench;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

// A hard ceiling for the whole run, whatever happens to the servers under test.
using var lifetime = new CancellationTokenSource(TimeSpan.FromMinutes(10));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    lifetime.Cancel();
};

return options.Mode switch
{
    "http" or "stdio" => await Runs.ThroughputAsync(options, lifetime.Token),
    "touch" => await Runs.TouchAsync(options, lifetime.Token),
    "lists" => await GroupRuns.ListsAsync(options, lifetime.Token),
    "hold" => await GroupRuns.HoldAsync(options, lifetime.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
