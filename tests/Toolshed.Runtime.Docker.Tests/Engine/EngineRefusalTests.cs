using System.Net;
using Toolshed.Runtime.Docker.Engine;

namespace Toolshed.Runtime.Docker.Tests;

/// <summary>The one place that reads the engine's message to tell refusals apart.</summary>
public sealed class EngineRefusalTests
{
    [Theory]
    [InlineData(HttpStatusCode.NotFound, "No such container: x", "NotFound")]
    [InlineData(HttpStatusCode.Conflict, "removal of container abc is already in progress", "RemovalInProgress")]
    [InlineData(HttpStatusCode.Conflict, "Conflict. The container name \"/x\" is already in use", "Conflict")]
    [InlineData(HttpStatusCode.Forbidden, "Pool overlaps with other one on this address space", "SubnetOverlap")]
    [InlineData(HttpStatusCode.InternalServerError, "invalid pool request: Pool overlaps with other one", "SubnetOverlap")]
    [InlineData(HttpStatusCode.InternalServerError, "driver failed programming external connectivity", "Other")]
    public void Classify_ReadsStatusFirst_MessageOnlyWhereTheStatusCannotTell(HttpStatusCode status, string reason, string expected) =>
        Assert.Equal(expected, DockerErrors.Classify(status, reason).ToString());
}
