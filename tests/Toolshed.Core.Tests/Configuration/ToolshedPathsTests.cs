using Toolshed.Core.Configuration;

namespace Toolshed.Core.Tests.Configuration;

public sealed class ToolshedPathsTests
{
    [Fact]
    public void FromEnvironment_ToolshedHomeSet_PutsEverythingUnderIt()
    {
        var paths = ToolshedPaths.FromEnvironment(name => name == "TOOLSHED_HOME" ? "/tmp/th" : "/ignored");

        Assert.Equal("/tmp/th/state", paths.StateDirectory);
        Assert.Equal("/tmp/th/config", paths.ConfigDirectory);
        Assert.Equal("/tmp/th/data", paths.DataDirectory);
        Assert.Equal("/tmp/th/state/toolshed.db", paths.DatabasePath);
    }

    [Fact]
    public void FromEnvironment_XdgSet_UsesXdgDirectories()
    {
        var env = new Dictionary<string, string>
        {
            ["HOME"] = "/home/u",
            ["XDG_STATE_HOME"] = "/x/state",
            ["XDG_CONFIG_HOME"] = "/x/config",
            ["XDG_DATA_HOME"] = "/x/data",
        };

        var paths = ToolshedPaths.FromEnvironment(name => env.GetValueOrDefault(name));

        Assert.Equal("/x/state/toolshed", paths.StateDirectory);
        Assert.Equal("/x/config/toolshed", paths.ConfigDirectory);
        Assert.Equal("/x/data/toolshed", paths.DataDirectory);
    }

    [Fact]
    public void FromEnvironment_NothingSet_FallsBackToXdgDefaultsUnderHome()
    {
        var paths = ToolshedPaths.FromEnvironment(name => name == "HOME" ? "/home/u" : null);

        Assert.Equal("/home/u/.local/state/toolshed", paths.StateDirectory);
        Assert.Equal("/home/u/.config/toolshed", paths.ConfigDirectory);
        Assert.Equal("/home/u/.local/share/toolshed", paths.DataDirectory);
    }
}
