using Toolshed.Core.Tools;
using Toolshed.Server.Workloads.Api;

namespace Toolshed.Server.Workloads.Validation;

/// <summary>The API's tool filter fields to and from a <see cref="ToolFilterSpec"/>; null when they change nothing.</summary>
internal static class ToolsConfigMapper
{
    public static ToolFilterSpec? Map(IReadOnlyList<string>? tools, IReadOnlyDictionary<string, ToolOverrideOptions>? overrides)
    {
        if (tools is null && overrides is not { Count: > 0 })
        {
            return null;
        }

        var spec = ToolFilterRules.Validate(
            tools,
            overrides?.ToDictionary(o => o.Key, o => o.Value is null ? null! : new ToolOverride { Name = o.Value.Name, Description = o.Value.Description }));
        return spec.IsEmpty ? null : spec;
    }

    public static ToolsConfig Show(ToolFilterSpec? spec) => new()
    {
        Tools = spec?.Allow,
        ToolsOverride = spec is { Overrides.Count: > 0 }
            ? spec.Overrides.ToDictionary(o => o.Key, o => new ToolOverrideOptions { Name = o.Value.Name, Description = o.Value.Description })
            : null,
    };
}
