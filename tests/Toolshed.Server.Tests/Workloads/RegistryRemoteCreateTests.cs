using Toolshed.Core.Errors;
using Toolshed.Core.Registry;
using Toolshed.Core.Workloads;
using Toolshed.Server.Workloads.Api;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Tests.Workloads;

/// <summary>Creating a workload from a registry entry of a remote server.</summary>
public sealed class RegistryRemoteCreateTests
{
    private static readonly RegistryServer s_hosted = new()
    {
        Name = "hosted",
        Url = "https://mcp.example.com/mcp",
        Transport = "sse",
        Headers =
        [
            new RegistryHeader { Name = "X-Api-Key", Description = "Your API key", Required = true, Secret = true },
            new RegistryHeader { Name = "X-Client", Default = "toolshed" },
            new RegistryHeader { Name = "X-Optional" },
        ],
        OAuthConfig = new RegistryOAuthConfig { ClientId = "registered-id", Scopes = ["read"], CallbackPort = 8765 },
    };

    private readonly CreateRequestMapper _mapper = new(new FakeServerCatalog(s_hosted));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Map_RemoteEntryWithItsRequiredHeader_IsARemoteWorkloadWithTheEntrysDefaults()
    {
        var spec = await _mapper.MapAsync(new CreateServerRequest { Image = "hosted", Headers = ["X-Api-Key: {secret:hosted-key}"] }, Token);

        Assert.Equal("hosted", spec.Name);
        Assert.Equal("default/hosted", spec.RegistryServer);
        var remote = Assert.IsType<Core.Remote.RemoteServerSpec>(spec.Remote);
        Assert.Equal(new Uri("https://mcp.example.com/mcp"), remote.Url);
        Assert.Equal(McpTransport.Sse, remote.Transport);
        Assert.Equal(
            ["X-Api-Key: {secret:hosted-key}", "X-Client: toolshed"],
            remote.Headers.Select(h => $"{h.Name}: {h.Value}"));
        Assert.True(remote.OAuth is { ClientId: "registered-id", CallbackPort: 8765 });
        Assert.Equal(["read"], remote.OAuth.Scopes);
    }

    [Fact]
    public async Task Map_RemoteEntryWithoutItsRequiredHeader_IsRefusedWithTheLineToAdd()
    {
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => _mapper.MapAsync(new CreateServerRequest { Image = "hosted" }, Token));

        Assert.Equal("headers", ex.Field);
        Assert.Contains("--header 'X-Api-Key: {secret:NAME}' (Your API key)", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Optional", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_RemoteEntry_WhatTheUserGivesOutranksTheEntry()
    {
        var spec = await _mapper.MapAsync(new CreateServerRequest
        {
            Image = "hosted",
            Name = "mine",
            Transport = "streamable-http",
            Headers = ["X-Api-Key: {secret:k}", "x-client: mine"],
            OAuthConfig = new OAuthConfigOptions { ClientId = "my-own" },
        }, Token);

        Assert.Equal("mine", spec.Name);
        Assert.Equal(McpTransport.StreamableHttp, spec.Remote!.Transport);
        Assert.Equal(["X-Api-Key: {secret:k}", "x-client: mine"], spec.Remote.Headers.Select(h => $"{h.Name}: {h.Value}"));
        Assert.Equal("my-own", spec.Remote.OAuth!.ClientId);
        Assert.Empty(spec.Remote.OAuth.Scopes);
    }

    [Fact]
    public async Task Map_RemoteEntryWithLocalFields_IsRefusedSayingTheyDoNotApply()
    {
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => _mapper.MapAsync(
            new CreateServerRequest { Image = "hosted", Headers = ["X-Api-Key: v"], EnvVars = ["A=1"] }, Token));

        Assert.Equal("env_vars", ex.Field);
        Assert.Contains("does not apply to a remote server", ex.Message, StringComparison.Ordinal);
    }
}
