using Toolshed.Cli.Commands;

namespace Toolshed.Cli.Tests;

public sealed class PackageServeOptionsTests
{
    [Fact]
    public void Images_RuntimeImagesByKind_SetTheirBasesAndGoSetsBoth()
    {
        var images = PackageServeOptions.Images(["npx=my/node:22", "go=my/go:1", "go-run=my/alpine:3"], [], null, null, null);

        Assert.Equal("my/node:22", images.Node);
        Assert.Equal("my/go:1", images.GoBuild);
        Assert.Equal("my/alpine:3", images.GoRun);
        Assert.Equal(Toolshed.Runtime.Docker.Packages.PackageImageOptions.DefaultPython, images.Python);
    }

    [Theory]
    [InlineData("npx=node:22", true)]
    [InlineData("rust=x", false)]
    [InlineData("npx", false)]
    [InlineData("npx=Not An Image", false)]
    public void CheckRuntimeImage_AcceptsKindEqualsImageOnly(string value, bool valid) =>
        Assert.Equal(valid, PackageServeOptions.CheckRuntimeImage(value) is null);

    [Fact]
    public void Sources_Registries_EndWithASlashSoPathsAppend() =>
        Assert.Equal("https://npm.example/repo/", PackageServeOptions.Sources("https://npm.example/repo", null, null).NpmRegistry.ToString());
}
