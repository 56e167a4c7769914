using Toolshed.Core.Authorization;
using Toolshed.Core.Errors;

namespace Toolshed.Server.Workloads.Validation;

/// <summary>
/// Turns an authz_config value (an absolute path to a ToolHive-format Cedar config, or the config's text) into the
/// text to store, checked policy by policy. Read once, at create time, so a later edit of the file cannot change the
/// rules of a running workload behind the user's back.
/// </summary>
public static class AuthzConfigReader
{
    private const string Field = "authz_config";

    public static string? Read(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        var isInline = trimmed.StartsWith('{') || trimmed.Contains('\n', StringComparison.Ordinal);
        if (!isInline && !Path.IsPathFullyQualified(trimmed))
        {
            throw new InvalidInputException(
                $"authz_config must be an absolute path to a Cedar authorization config (JSON or YAML) or its text; got '{trimmed}'.", Field);
        }

        // Both throw InvalidInputException naming the file, the policy and the line when something is wrong.
        if (isInline)
        {
            CedarAuthorizer.Parse(trimmed);
            return trimmed;
        }

        CedarAuthorizer.Load(trimmed);
        return File.ReadAllText(trimmed);
    }
}
