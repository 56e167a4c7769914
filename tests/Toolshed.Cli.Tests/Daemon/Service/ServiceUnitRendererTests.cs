using Toolshed.Cli.Daemon.Service;
using Toolshed.Core.Configuration;

namespace Toolshed.Cli.Tests.Daemon.Service;

public sealed class ServiceUnitRendererTests
{
    private static readonly ToolshedPaths s_paths = new("/home/u/ts/state", "/home/u/ts/config", "/home/u/ts/data");

    [Fact]
    public void Render_ScriptCommand_RunsServeAndRestartsOnFailure()
    {
        var unit = ServiceUnitFactory.Create(["/src/toolshed/shed", "serve", "--host", "127.0.0.1", "--port", "8080"], s_paths,
            name => name switch { "TOOLSHED_HOME" => "/home/u/ts", "PATH" => "/usr/bin:/bin", _ => null });

        var text = ServiceUnitRenderer.Render(unit);

        Assert.Contains("\nExecStart=\"/src/toolshed/shed\" \"serve\" \"--host\" \"127.0.0.1\" \"--port\" \"8080\"\n", text, StringComparison.Ordinal);
        Assert.Contains("\nEnvironment=\"TOOLSHED_HOME=/home/u/ts\"\n", text, StringComparison.Ordinal);
        Assert.Contains("\nEnvironment=\"PATH=/usr/bin:/bin\"\n", text, StringComparison.Ordinal);
        Assert.Contains("\nRestart=on-failure\n", text, StringComparison.Ordinal);
        Assert.Contains("\nStandardOutput=append:/home/u/ts/state/daemon.log\n", text, StringComparison.Ordinal);
        Assert.Contains("\n[Install]\nWantedBy=default.target\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SpecialCharacters_EscapedForSystemd()
    {
        var unit = new ServiceUnit
        {
            Command = ["/opt/my tools/shed", "serve", "a\"b", "back\\slash", "100%", "$HOME"],
            Environment = [new("TOOLSHED_HOME", "/x/50% off/$y")],
        };

        var text = ServiceUnitRenderer.Render(unit);

        Assert.Contains("ExecStart=\"/opt/my tools/shed\" \"serve\" \"a\\\"b\" \"back\\\\slash\" \"100%%\" \"$$HOME\"\n", text, StringComparison.Ordinal);
        Assert.Contains("Environment=\"TOOLSHED_HOME=/x/50%% off/$y\"\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("StandardOutput", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LogPathWithSpace_LeavesOutputToTheJournal()
    {
        var unit = new ServiceUnit { Command = ["/usr/bin/shed", "serve"], LogPath = "/home/my user/daemon.log" };

        Assert.DoesNotContain("StandardOutput", ServiceUnitRenderer.Render(unit), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ControlCharacterOrRelativeCommand_Refused()
    {
        Assert.Throws<ArgumentException>(() => ServiceUnitRenderer.Render(new ServiceUnit { Command = ["/usr/bin/shed", "line\nbreak"] }));
        Assert.Throws<ArgumentException>(() => ServiceUnitRenderer.Render(new ServiceUnit { Command = ["shed", "serve"] }));
        Assert.Throws<ArgumentException>(() => ServiceUnitRenderer.Render(new ServiceUnit { Command = ["/usr/bin/shed"], Environment = [new("BAD NAME", "x")] }));
    }

    [Fact]
    public void Create_XdgDirectories_CarriedOnlyWithoutToolshedHome()
    {
        string? Xdg(string name) => name switch { "XDG_STATE_HOME" => "/s", "XDG_CONFIG_HOME" => "/c", "DOCKER_HOST" => "unix:///run/d.sock", _ => null };
        string? Both(string name) => name == "TOOLSHED_HOME" ? "/t" : Xdg(name);

        var xdg = ServiceUnitFactory.Create(["/usr/bin/shed", "serve"], s_paths, Xdg).Environment.Select(e => e.Key);
        var home = ServiceUnitFactory.Create(["/usr/bin/shed", "serve"], s_paths, Both).Environment.Select(e => e.Key);

        Assert.Equal(["XDG_STATE_HOME", "XDG_CONFIG_HOME", "DOCKER_HOST"], xdg);
        Assert.Equal(["TOOLSHED_HOME", "DOCKER_HOST"], home);
    }

    [Fact]
    public void Create_SecretsPassword_NeverWrittenIntoTheUnit()
    {
        var unit = ServiceUnitFactory.Create(["/usr/bin/shed", "serve"], s_paths,
            name => name == "TOOLSHED_SECRETS_PASSWORD" ? "hunter2" : name == "PATH" ? "/bin" : null);

        Assert.DoesNotContain("hunter2", ServiceUnitRenderer.Render(unit), StringComparison.Ordinal);
    }

    [Fact]
    public void ServeCommand_RepositoryBuild_PrefersTheScript()
    {
        using var repository = new Toolshed.Testing.TemporaryDirectory("shed-repo");
        Directory.CreateDirectory(repository.Combine(".artifacts", "shed"));
        File.WriteAllText(repository.Combine("shed"), "#!/bin/sh\n");
        var dll = repository.Combine(".artifacts", "shed", "shed.dll");
        var url = new Uri("http://127.0.0.1:9123/");

        var viaScript = ServiceUnitFactory.ServeCommand("/usr/share/dotnet/dotnet", dll, url);
        var elsewhere = ServiceUnitFactory.ServeCommand("/usr/share/dotnet/dotnet", "/opt/shed/shed.dll", url);

        Assert.Equal([repository.Combine("shed"), "serve", "--host", "127.0.0.1", "--port", "9123"], viaScript);
        Assert.Equal(["/usr/share/dotnet/dotnet", "/opt/shed/shed.dll", "serve", "--host", "127.0.0.1", "--port", "9123"], elsewhere);
    }

    [Theory]
    [InlineData("/xdg", "/home/u", "/xdg/systemd/user/toolshed.service")]
    [InlineData(null, "/home/u", "/home/u/.config/systemd/user/toolshed.service")]
    [InlineData("relative", "/home/u", "/home/u/.config/systemd/user/toolshed.service")]
    public void Location_XdgConfigHome_Honoured(string? xdgConfig, string home, string expected)
    {
        Assert.Equal(expected, ServiceUnitLocation.For(name => name switch { "XDG_CONFIG_HOME" => xdgConfig, "HOME" => home, _ => null }));
    }
}
