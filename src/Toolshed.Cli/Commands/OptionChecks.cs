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

    public static Option<int> CheckPort(this Option<int> option, int min) =>
        option.CheckInt(value => RunOptionSyntax.CheckPort(option.Name, value, min));

    /// <summary>
    /// Checks an int option's value. Text that is not a number is left to System.CommandLine, which reports it (and
    /// whose GetValueOrDefault would throw inside a validator).
    /// </summary>
    public static Option<int> CheckInt(this Option<int> option, Func<int, string?> check)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1
                && int.TryParse(result.Tokens[0].Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
                && check(value) is { } error)
            {
                result.AddError(error);
            }
        });
        return option;
    }
}
