using Toolshed.Cli;

return await ShedApp.RunAsync(args);
