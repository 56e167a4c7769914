using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Auth;
using Toolshed.Proxy.Forwarding;

namespace Toolshed.Proxy.Tests.Forwarding;

/// <summary>The owner map alone: what it admits, and that it stays bounded.</summary>
public sealed class ForwardedSessionOwnersTests
{
    [Fact]
    public void Capacity_TheOldestSessionsAreForgotten_TheNewestStillAdmitted()
    {
        var owners = new ForwardedSessionOwners(McpTransport.StreamableHttp);
        for (var i = 0; i < ForwardedSessionOwners.Capacity + 50; i++)
        {
            owners.RecordAnswer(Request("alice", session: null), Answer($"s{i}"));
        }

        Assert.Equal(ForwardedSessionOwners.Capacity, owners.Count);
        Assert.False(owners.Admits(Request("alice", "s0")));
        Assert.True(owners.Admits(Request("alice", $"s{ForwardedSessionOwners.Capacity + 49}")));
        Assert.False(owners.Admits(Request("bob", $"s{ForwardedSessionOwners.Capacity + 49}")));
    }

    [Fact]
    public void WithoutOidc_EverythingIsAdmitted_AndNothingRecorded()
    {
        var owners = new ForwardedSessionOwners(McpTransport.StreamableHttp);
        var anonymous = new DefaultHttpContext();
        anonymous.Request.Method = "POST";

        owners.RecordAnswer(anonymous, Answer("s1"));
        anonymous.Request.Headers["Mcp-Session-Id"] = "s1";

        Assert.True(owners.Admits(anonymous));
        Assert.Equal(0, owners.Count);
    }

    private static DefaultHttpContext Request(string subject, string? session)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Path = "/mcp";
        if (session is not null)
        {
            http.Request.Headers["Mcp-Session-Id"] = session;
        }

        http.Features.Set(new AuthenticatedCaller(subject, new Dictionary<string, JsonElement>()));
        return http;
    }

    private static HttpResponseMessage Answer(string session)
    {
        var answer = new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        answer.Headers.Add("Mcp-Session-Id", session);
        return answer;
    }
}
