using System.CommandLine;

namespace Toolshed.Cli.Commands;

/// <summary>Hooks a value check (error text or null) into System.CommandLine, so a bad value is a usage error.</summary>
internal static class OptionChecks
{
    public static T Check<T>(this T option, Func<string, string?> check)
        where T : Option
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (check(token.Value) is { } error)
                {
                    result.AddError(error);
                }
            }
        });
        return option;
    }

    public static Option<int> CheckPort(this Option<int> option, int min)
    {
        option.Validators.Add(result =>
        {
            if (RunOptionSyntax.CheckPort(option.Name, result.GetValueOrDefault<int>(), min) is { } error)
            {
                result.AddError(error);
            }
        });
        return option;
    }
}
