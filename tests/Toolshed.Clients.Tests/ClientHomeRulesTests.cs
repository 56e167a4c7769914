using Toolshed.Clients;
using Toolshed.Core.Errors;
using Toolshed.Core.IO;
using Toolshed.Testing;

namespace Toolshed.Clients.Tests;

/// <summary>What a caller's home must be before the daemon writes under it, and how shed builds it from its environment.</summary>
public sealed class ClientHomeRulesTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("toolshed-client-home");

    [Fact]
    public void Validate_OwnDirectoryWithTrailingSlash_NormalizedAndAccepted()
    {
        var home = ClientHomeRules.Validate(new ClientHome { Home = _directory.Path + "/", XdgConfigHome = _directory.Combine("xdg") + "/", Uid = 0 });

        Assert.Equal(_directory.Path, home.Home);
        Assert.Equal(_directory.Combine("xdg"), home.XdgConfigHome);
    }

    [Theory]
    [InlineData("home/me", "home must be an absolute path")]
    [InlineData("/nonexistent-toolshed-home", "home /nonexistent-toolshed-home is not an existing directory")]
    public void Validate_BadHome_InvalidInputNamingIt(string path, string expected)
    {
        var error = Assert.Throws<InvalidInputException>(() => ClientHomeRules.Validate(new ClientHome { Home = path }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("home", error.Field);
    }

    [Fact]
    public void Validate_RelativeXdgConfigHome_Refused()
    {
        var error = Assert.Throws<InvalidInputException>(() => ClientHomeRules.Validate(new ClientHome { Home = _directory.Path, XdgConfigHome = "cfg" }));

        Assert.Equal("xdg_config_home", error.Field);
    }

    [Fact]
    public void Validate_FileInsteadOfDirectory_Refused()
    {
        var file = _directory.Combine("file");
        File.WriteAllText(file, "");

        Assert.Throws<InvalidInputException>(() => ClientHomeRules.Validate(new ClientHome { Home = file }));
    }

    [Fact]
    public void Validate_HomeOfAnotherUid_RefusedWithHint()
    {
        UnixOwner.GiveTo(_directory.Path, new FileOwnerId(4242, 4242));

        var error = Assert.Throws<InvalidInputException>(() => ClientHomeRules.Validate(new ClientHome { Home = _directory.Path, Uid = 0 }));

        Assert.Contains("belongs to uid 4242, not to uid 0", error.Message, StringComparison.Ordinal);
        Assert.Contains(ClientHome.OverrideVariable, error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SymlinkToADirectoryOfAnotherUid_Refused()
    {
        var target = _directory.Combine("theirs");
        Directory.CreateDirectory(target);
        UnixOwner.GiveTo(target, new FileOwnerId(4242, 4242));
        var link = _directory.Combine("link");
        Directory.CreateSymbolicLink(link, target);

        Assert.Throws<InvalidInputException>(() => ClientHomeRules.Validate(new ClientHome { Home = link, Uid = 0 }));
    }

    [Fact]
    public void FromEnvironment_Override_ReplacesHomeAndDropsXdgAndAppData()
    {
        var variables = new Dictionary<string, string> { ["HOME"] = "/home/me", ["XDG_CONFIG_HOME"] = "/cfg", [ClientHome.OverrideVariable] = "/sandbox" };

        var home = ClientHome.FromEnvironment(variables.GetValueOrDefault);

        Assert.Equal(new ClientHome { Home = "/sandbox", Uid = UnixOwner.EffectiveUid() }, home);
    }

    [Fact]
    public void FromEnvironment_HomeAndXdg_SentAsSet()
    {
        var variables = new Dictionary<string, string> { ["HOME"] = "/home/me", ["XDG_CONFIG_HOME"] = "/cfg" };

        var home = ClientHome.FromEnvironment(variables.GetValueOrDefault);

        Assert.Equal("/home/me", home.Home);
        Assert.Equal("/cfg", home.XdgConfigHome);
        Assert.Null(home.AppData);
        Assert.Equal(0, home.Uid);
    }

    public void Dispose() => _directory.Dispose();
}
