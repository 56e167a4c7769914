using Toolshed.Cli.Daemon;

namespace Toolshed.Cli.Tests.Daemon;

public sealed class AutoStartPolicyTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/", true)]
    [InlineData("http://localhost:8080/", true)]
    [InlineData("http://LOCALHOST:9000/", true)]
    [InlineData("http://127.0.0.2:8080/", true)]
    [InlineData("http://[::1]:8080/", true)]
    [InlineData("https://127.0.0.1:8443/", false)]
    [InlineData("http://10.0.0.5:8080/", false)]
    [InlineData("http://toolshed.example.com:8080/", false)]
    [InlineData("http://0.0.0.0:8080/", false)]
    public void CanAutoStart_Url_OnlyForPlainHttpLoopback(string url, bool expected) =>
        Assert.Equal(expected, AutoStartPolicy.CanAutoStart(new Uri(url)));

    [Theory]
    [InlineData("http://localhost:8080/", "127.0.0.1")]
    [InlineData("http://[::1]:8080/", "::1")]
    [InlineData("http://127.0.0.1:8080/", "127.0.0.1")]
    public void BindHost_Url_IsAnAddressKestrelCanBind(string url, string expected) =>
        Assert.Equal(expected, AutoStartPolicy.BindHost(new Uri(url)));

    [Fact]
    public void Build_UnderDotnetMuxer_RunsTheAssemblyWithServeHostAndPort() =>
        Assert.Equal(
            ["/usr/share/dotnet/dotnet", "/opt/shed/shed.dll", "serve", "--host", "127.0.0.1", "--port", "9123"],
            DaemonCommandLine.Build("/usr/share/dotnet/dotnet", "/opt/shed/shed.dll", new Uri("http://localhost:9123/")));

    [Fact]
    public void Build_AsApphost_RunsItselfWithServe() =>
        Assert.Equal(
            ["/opt/shed/shed", "serve", "--host", "::1", "--port", "8080"],
            DaemonCommandLine.Build("/opt/shed/shed", "/opt/shed/shed.dll", new Uri("http://[::1]:8080/")));
}
