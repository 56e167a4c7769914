using Toolshed.Core.Configuration;

namespace Toolshed.Testing;

/// <summary>Toolshed's state, config and data directories inside a test's temporary directory.</summary>
public static class TestPaths
{
    public static ToolshedPaths In(TemporaryDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return new ToolshedPaths(directory.Combine("state"), directory.Combine("config"), directory.Combine("data"));
    }
}
