using Toolshed.Core.Workloads;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Tests.Workloads;

public sealed class VolumeParserTests
{
    [Fact]
    public void Parse_ValidEntries_GivesMounts()
    {
        var mounts = VolumeParser.Parse(["/tmp:/data", "/tmp:/ro-data:ro", "/tmp:/rw/:rw"], _ => true);

        Assert.Equal(
            [new VolumeMount("/tmp", "/data", false), new VolumeMount("/tmp", "/ro-data", true), new VolumeMount("/tmp", "/rw", false)],
            mounts);
    }

    [Fact]
    public void Parse_SameContainerPathTwice_IsRefused()
    {
        Assert.Throws<Toolshed.Core.Errors.InvalidInputException>(() => VolumeParser.Parse(["/a:/data", "/b:/data"], _ => true));
    }
}
