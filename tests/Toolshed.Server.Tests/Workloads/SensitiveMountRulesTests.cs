using Toolshed.Core.Configuration;
using Toolshed.Core.Errors;
using Toolshed.Server.Workloads.Validation;
using Toolshed.Testing;

namespace Toolshed.Server.Tests.Workloads;

public sealed class SensitiveMountRulesTests : IDisposable
{
    private readonly TemporaryDirectory _home = new("toolshed-sensitive");
    private readonly ToolshedPaths _paths;
    private readonly SensitiveMountRules _rules;

    public SensitiveMountRulesTests()
    {
        _paths = TestPaths.In(_home);
        _rules = new SensitiveMountRules(_paths, SensitiveMountRules.EngineSockets(null, name => name == "DOCKER_HOST" ? "unix:///srv/engine/podman.sock" : null));
    }

    public void Dispose() => _home.Dispose();

    [Theory]
    [InlineData("/")]
    [InlineData("/var/run/docker.sock")]
    [InlineData("/run/docker.sock")]
    [InlineData("/var/run")]
    [InlineData("/var")]
    [InlineData("/run/podman/podman.sock")]
    [InlineData("/srv/engine/podman.sock")]
    [InlineData("/srv")]
    [InlineData("/proc")]
    [InlineData("/proc/1")]
    [InlineData("/sys")]
    [InlineData("/sys/fs/cgroup")]
    [InlineData("/dev")]
    [InlineData("/dev/sda")]
    [InlineData("/boot")]
    [InlineData("/boot/grub")]
    [InlineData("//var//run/./docker.sock")]
    [InlineData("/tmp/../var/run/docker.sock")]
    public void Describe_SensitivePath_SaysWhy(string path)
    {
        Assert.NotNull(_rules.Describe(path));
    }

    [Fact]
    public void Describe_StateRootItsParentsAndWhatIsInside_AreSensitive()
    {
        Assert.Contains("state directory", _rules.Describe(_paths.StateDirectory), StringComparison.Ordinal);
        Assert.Contains("contains", _rules.Describe(_home.Path), StringComparison.Ordinal);
        Assert.NotNull(_rules.Describe(Path.GetDirectoryName(_home.Path)!));
        Assert.Contains("inside", _rules.Describe(Path.Combine(_paths.ConfigDirectory, "registries.json")), StringComparison.Ordinal);
        Assert.NotNull(_rules.Describe(_paths.DataDirectory));
    }

    [Fact]
    public void Describe_SymlinkToTheSocketOrItsDirectory_IsSensitive()
    {
        using var links = new TemporaryDirectory("toolshed-links");
        var toSocket = Path.Combine(links.Path, "harmless.sock");
        var toRun = Path.Combine(links.Path, "data");
        File.CreateSymbolicLink(toSocket, "/var/run/docker.sock");
        Directory.CreateSymbolicLink(toRun, "../../var/run");
        var chain = Path.Combine(links.Path, "chain");
        File.CreateSymbolicLink(chain, toSocket);

        Assert.NotNull(_rules.Describe(toSocket));
        Assert.NotNull(_rules.Describe(toRun));
        Assert.NotNull(_rules.Describe(chain));
    }

    [Theory]
    [InlineData("/tmp/project")]
    [InlineData("/var/lib/project-data")]
    [InlineData("/opt/tools")]
    [InlineData("/devices")]
    [InlineData("/proceedings")]
    public void Describe_OrdinaryPath_IsNull(string path)
    {
        Assert.Null(_rules.Describe(path));
    }

    [Fact]
    public void VolumeParser_SensitiveWithoutOptIn_Is400NamingThePathAndTheOptIn()
    {
        var policy = new BindPolicy { HostPathExists = _ => true, Sensitive = _rules };

        var error = Assert.Throws<InvalidInputException>(() => VolumeParser.Parse(["/var/run/docker.sock:/var/run/docker.sock"], policy));

        Assert.Equal("volumes", error.Field);
        Assert.Contains("/var/run/docker.sock", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"allow_sensitive_mounts\": true", error.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-sensitive-mount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VolumeParser_SensitiveWithOptIn_IsAccepted()
    {
        var policy = new BindPolicy { HostPathExists = _ => true, Sensitive = _rules, AllowSensitive = true };

        var mount = Assert.Single(VolumeParser.Parse(["/:/host:ro"], policy));

        Assert.Equal("/", mount.HostPath);
    }

    [Fact]
    public void PermissionProfile_SensitiveReadPath_IsRefusedWithoutOptIn()
    {
        var permissions = PermissionProfileParser.Parse("""{"read":["/proc/1:/host-proc"]}""");

        var error = Assert.Throws<InvalidInputException>(() =>
            PermissionProfileParser.Validate(permissions, new BindPolicy { HostPathExists = _ => true, Sensitive = _rules }));

        Assert.Equal("permission_profile", error.Field);
        Assert.Contains("/proc/1", error.Message, StringComparison.Ordinal);
        PermissionProfileParser.Validate(permissions, new BindPolicy { HostPathExists = _ => true, Sensitive = _rules, AllowSensitive = true });
    }

    [Fact]
    public void Find_SpecWithSensitiveVolumeAndProfilePath_ListsBoth()
    {
        var spec = new Core.Workloads.WorkloadSpec
        {
            Name = "x",
            Image = "x",
            Volumes = [new("/var/run/docker.sock", "/sock", false), new("/tmp/ok", "/ok", false)],
            PermissionProfile = """{"write":["/sys:/sys"]}""",
        };

        Assert.Equal(["/var/run/docker.sock", "/sys"], _rules.Find(spec).Select(found => found.HostPath));
    }
}
