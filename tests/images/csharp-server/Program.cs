using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Toolshed.TestMcpServer;

var builder = Host.CreateApplicationBuilder(args);

// stdout carries the protocol; everything the host logs goes to stderr.
builder.Logging.ClearProviders();
builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);

builder.Services
    .AddMcpServer(options => options.ServerInfo = new() { Name = "toolshed-test-server", Version = "1.0.0" })
    .WithStdioServerTransport()
    .WithTools<TestTools>();

Console.Error.WriteLine("toolshed-test-server: starting");
await builder.Build().RunAsync();
