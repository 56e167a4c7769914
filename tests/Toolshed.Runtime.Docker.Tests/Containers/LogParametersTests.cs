using Toolshed.Core.Runtime;

namespace Toolshed.Runtime.Docker.Tests;

public sealed class LogParametersTests
{
    [Fact]
    public void Since_IsSentAsSecondsAndNanoseconds()
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123).AddTicks(4);

        var parameters = DockerLogReader.ToParameters(new WorkloadLogOptions { Since = time });

        Assert.Equal("1700000000.123000400", parameters.Since);
    }

    [Fact]
    public void NoSince_SendsNone_AndNoTailMeansAll()
    {
        var parameters = DockerLogReader.ToParameters(new WorkloadLogOptions { Tail = null });

        Assert.Null(parameters.Since);
        Assert.Equal("all", parameters.Tail);
    }
}
