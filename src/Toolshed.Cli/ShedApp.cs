using System.Reflection;

namespace Toolshed.Cli;

/// <summary>Entry point of `shed`: parses the verb and runs it. Exit codes: 0 ok, 1 failure, 2 usage error.</summary>
public static class ShedApp
{
    public static Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            Console.WriteLine("Usage: shed <verb> [options]\n\nVerbs:\n  version   Print the version");
            return Task.FromResult(args.Length == 0 ? 2 : 0);
        }

        if (args[0] == "version")
        {
            var version = typeof(ShedApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            Console.WriteLine(args.Contains("json") ? $"{{\"version\":\"{version}\"}}" : $"shed {version}");
            return Task.FromResult(0);
        }

        Console.Error.WriteLine($"shed: unknown verb '{args[0]}'. Run 'shed --help' for the list of verbs.");
        return Task.FromResult(2);
    }
}
