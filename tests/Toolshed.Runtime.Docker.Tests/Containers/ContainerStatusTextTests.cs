using Docker.DotNet.Models;

namespace Toolshed.Runtime.Docker.Tests;

public sealed class ContainerStatusTextTests
{
    private static readonly DateTimeOffset s_now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void From_Running_UpSinceStart()
    {
        var state = new State { Status = "running", Running = true, StartedAt = "2025-06-01T11:59:57.123456789Z" };

        Assert.Equal("Up 2 seconds", ContainerStatusText.From(state, s_now));
    }

    [Fact]
    public void From_Exited_CodeAndAgo()
    {
        var state = new State
        {
            Status = "exited",
            ExitCode = 1,
            StartedAt = "2025-06-01T10:00:00Z",
            FinishedAt = "2025-06-01T10:59:59.5Z",
        };

        Assert.Equal("Exited (1) About an hour ago", ContainerStatusText.From(state, s_now));
    }

    [Fact]
    public void From_Created_Created()
    {
        var state = new State { Status = "created", StartedAt = "0001-01-01T00:00:00Z", FinishedAt = "0001-01-01T00:00:00Z" };

        Assert.Equal("Created", ContainerStatusText.From(state, s_now));
    }

    [Theory]
    [InlineData(0.4, "Less than a second")]
    [InlineData(1, "1 second")]
    [InlineData(59, "59 seconds")]
    [InlineData(61, "About a minute")]
    [InlineData(600, "10 minutes")]
    [InlineData(3 * 3600, "3 hours")]
    [InlineData(3 * 86400, "3 days")]
    [InlineData(21 * 86400, "3 weeks")]
    [InlineData(90 * 86400, "3 months")]
    [InlineData(3 * 365 * 86400, "3 years")]
    public void Format_Duration_ReadsLikeDocker(double seconds, string expected)
    {
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData("nginx", "nginx", "latest")]
    [InlineData("toolshed-test/everything:test", "toolshed-test/everything", "test")]
    [InlineData("localhost:5000/app", "localhost:5000/app", "latest")]
    [InlineData("localhost:5000/app:2", "localhost:5000/app", "2")]
    [InlineData("app@sha256:abc", "app", "sha256:abc")]
    public void Split_ImageReference_RepositoryAndTag(string image, string repository, string tag)
    {
        Assert.Equal((repository, tag), ImageReference.Split(image));
    }
}
