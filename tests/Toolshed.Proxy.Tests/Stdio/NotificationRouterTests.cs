using System.Text.Json.Nodes;
using Toolshed.Proxy.Sessions;
using Toolshed.Proxy.Stdio;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests.Stdio;

/// <summary>The routing rule of a shared stdio server, on real sessions and hand-written request streams.</summary>
public sealed class NotificationRouterTests
{
    private readonly NotificationRouter _router = new();
    private long _order;

    [Theory]
    [InlineData("notifications/tools/list_changed")]
    [InlineData("notifications/prompts/list_changed")]
    [InlineData("notifications/resources/list_changed")]
    public void RouteNotification_ListChanged_GoesToEveryone(string method)
    {
        var alice = Session("alice");
        var bob = Session("bob");

        var route = _router.RouteNotification(method, null, [Busy(alice), Busy(bob)]);

        Assert.True(route.ToEveryone);
    }

    [Fact]
    public void RouteNotification_LogWhileOneSessionIsBusy_GoesOnlyToItsRequestStream()
    {
        var alice = Session("alice");
        var bob = Session("bob");
        _router.OnClientRequest(bob, "logging/setLevel", Params("""{"level":"debug"}"""));
        var request = Busy(alice);

        var route = _router.RouteNotification("notifications/message", Log("info"), [request]);

        Assert.False(route.ToEveryone);
        Assert.Same(request.Sink, Assert.Single(route.Sinks));
    }

    [Fact]
    public void RouteNotification_OneSessionBusyOnAPlainJsonPost_GoesToTheSessionsOwnStream()
    {
        var alice = Session("alice");

        var route = _router.RouteNotification("notifications/message", Log("info"), [Busy(alice, new RecordingSink(acceptsRelated: false))]);

        Assert.Same(alice, Assert.Single(route.Sinks));
    }

    [Fact]
    public void RouteNotification_OneSessionWithSeveralRequests_UsesItsLatestOpenStream()
    {
        var alice = Session("alice");
        var older = Busy(alice);
        var latest = Busy(alice);

        var route = _router.RouteNotification("notifications/custom", null, [latest, older]);

        Assert.Same(latest.Sink, Assert.Single(route.Sinks));
    }

    [Fact]
    public void RouteNotification_LogWhileTwoSubjectsAreBusy_GoesOnlyToSessionsThatSetALevel()
    {
        var alice = Session("alice");
        var bob = Session("bob");
        _router.OnClientRequest(alice, "logging/setLevel", Params("""{"level":"info"}"""));

        var route = _router.RouteNotification("notifications/message", Log("warning"), [Busy(alice), Busy(bob)]);

        Assert.Same(alice, Assert.Single(route.Sinks));
    }

    [Fact]
    public void RouteNotification_LogWhileOneSubjectsSessionsAreBusy_NeverReachesAnotherSubjectThatAsked()
    {
        var alice1 = Session("alice");
        var alice2 = Session("alice");
        var bob = Session("bob");
        _router.OnClientRequest(alice2, "logging/setLevel", Params("""{"level":"debug"}"""));
        _router.OnClientRequest(bob, "logging/setLevel", Params("""{"level":"debug"}"""));

        var route = _router.RouteNotification("notifications/message", Log("info"), [Busy(alice1), Busy(alice2)]);

        Assert.Same(alice2, Assert.Single(route.Sinks));
    }

    [Fact]
    public void RouteNotification_LogWithNothingInFlight_GoesOnlyToSessionsThatAsked()
    {
        var alice = Session("alice");
        var bob = Session("bob");
        _router.OnClientRequest(alice, "resources/subscribe", Params("""{"uri":"test://a"}"""));
        _router.OnClientRequest(bob, "logging/setLevel", Params("""{"level":"debug"}"""));

        var route = _router.RouteNotification("notifications/message", Log("info"), []);

        Assert.Same(bob, Assert.Single(route.Sinks));
    }

    [Fact]
    public void RouteNotification_LogWithNothingInFlightAndNobodyAsked_GoesNowhere()
    {
        _ = Session("alice");

        var route = _router.RouteNotification("notifications/message", Log("info"), []);

        Assert.False(route.ToEveryone);
        Assert.Empty(route.Sinks);
    }

    [Fact]
    public void RouteNotification_LogBelowTheLevelTheSessionSet_IsNotDelivered()
    {
        var alice = Session("alice");
        _router.OnClientRequest(alice, "logging/setLevel", Params("""{"level":"error"}"""));

        var below = _router.RouteNotification("notifications/message", Log("info"), [Busy(alice)]);
        var atLevel = _router.RouteNotification("notifications/message", Log("critical"), [Busy(alice)]);

        Assert.Empty(below.Sinks);
        Assert.Single(atLevel.Sinks);
    }

    [Fact]
    public void RouteNotification_ResourceUpdated_GoesToItsSubscribersOnly()
    {
        var alice = Session("alice");
        var bob = Session("bob");
        var carol = Session("carol");
        _router.OnClientRequest(alice, "resources/subscribe", Params("""{"uri":"test://a"}"""));
        _router.OnClientRequest(bob, "resources/subscribe", Params("""{"uri":"test://b"}"""));
        _router.OnClientRequest(carol, "resources/subscribe", Params("""{"uri":"test://a"}"""));
        _router.OnClientRequest(carol, "resources/unsubscribe", Params("""{"uri":"test://a"}"""));

        // Bob is busy alone, yet an update of a resource only Alice watches is hers.
        var route = _router.RouteNotification("notifications/resources/updated", Params("""{"uri":"test://a"}"""), [Busy(bob)]);

        Assert.Same(alice, Assert.Single(route.Sinks));
    }

    [Fact]
    public void RouteNotification_OtherNotificationNobodyIsTiedTo_GoesNowhere()
    {
        var alice = Session("alice");
        var bob = Session("bob");
        _router.OnClientRequest(alice, "logging/setLevel", Params("""{"level":"debug"}"""));

        var route = _router.RouteNotification("notifications/custom", null, [Busy(alice), Busy(bob)]);

        Assert.Empty(route.Sinks);
    }

    [Fact]
    public void RouteNotification_TaskStatus_GoesToTheSessionThatStartedTheTask()
    {
        var alice = Session("alice");
        var bob = Session("bob");
        _router.TaskStarted("task-1", alice);

        var status = _router.RouteNotification("notifications/tasks/status", Params("""{"taskId":"task-1","status":"working"}"""), [Busy(bob)]);
        var related = _router.RouteNotification(
            "notifications/message", Params("""{"level":"info","data":"x","_meta":{"io.modelcontextprotocol/related-task":{"taskId":"task-1"}}}"""), [Busy(bob)]);

        Assert.Same(alice, Assert.Single(status.Sinks));
        Assert.Same(alice, Assert.Single(related.Sinks));
    }

    [Fact]
    public void RouteNotification_ElicitationComplete_GoesToTheSessionThatGotTheElicitation()
    {
        var alice = Session("alice");
        var bob = Session("bob");
        _router.ElicitationStarted("e-1", alice);

        var alicesRequest = Busy(alice);

        var route = _router.RouteNotification("notifications/elicitation/complete", Params("""{"elicitationId":"e-1"}"""), [Busy(bob), alicesRequest]);

        Assert.Same(alicesRequest.Sink, Assert.Single(route.Sinks));
    }

    [Fact]
    public void RouteNotification_EndedSessions_AreLeftOut()
    {
        var alice = Session("alice");
        var bob = Session("bob");
        _router.OnClientRequest(bob, "logging/setLevel", Params("""{"level":"debug"}"""));
        _router.OnClientRequest(bob, "resources/subscribe", Params("""{"uri":"test://a"}"""));
        var bobsRequest = Busy(bob);
        bob.End();

        var alicesRequest = Busy(alice);

        var tied = _router.RouteNotification("notifications/message", Log("info"), [alicesRequest, bobsRequest]);
        var updated = _router.RouteNotification("notifications/resources/updated", Params("""{"uri":"test://a"}"""), []);

        Assert.Same(alicesRequest.Sink, Assert.Single(tied.Sinks));
        Assert.Empty(updated.Sinks);
    }

    [Fact]
    public void RouteServerRequest_OneSessionBusy_GoesToItsRequestStream()
    {
        var alice = Session("alice");
        var request = Busy(alice);

        var route = _router.RouteServerRequest(null, [request], () => throw new InvalidOperationException("not asked"));

        Assert.NotNull(route);
        Assert.Same(alice, route.Session);
        Assert.Same(request.Sink, route.Sink);
    }

    [Fact]
    public void RouteServerRequest_TwoSubjectsBusy_IsNotRouted()
    {
        var alice = Session("alice");
        var bob = Session("bob");

        var route = _router.RouteServerRequest(null, [Busy(alice), Busy(bob)], () => alice);

        Assert.Null(route);
    }

    [Fact]
    public void RouteServerRequest_AModernCallBesideAnotherRequest_IsNotGuessed()
    {
        var stateless = new McpSession(Guid.NewGuid().ToString("N"), SessionKind.Stateless, 0);
        var legacy = Session(owner: null);

        var beside = _router.RouteServerRequest(null, [Busy(stateless), Busy(legacy)], () => legacy);
        var twoCalls = _router.RouteServerRequest(null, [Busy(stateless), Busy(stateless)], () => legacy);
        var alone = _router.RouteServerRequest(null, [Busy(stateless)], () => legacy);

        Assert.Null(beside);
        Assert.Null(twoCalls);
        Assert.Same(stateless, alone?.Session);
    }

    [Fact]
    public void RouteServerRequest_OneSubjectsTwoSessionsBusy_GoesToTheLatestRequestsSession()
    {
        var first = Session("alice");
        var second = Session("alice");
        var earlier = Busy(first);
        var latest = Busy(second);

        var route = _router.RouteServerRequest(null, [latest, earlier], () => first);

        Assert.Same(second, route?.Session);
    }

    [Fact]
    public void RouteServerRequest_NothingInFlightUnderOidc_IsNotRouted()
    {
        var alice = Session("alice");

        var route = _router.RouteServerRequest(null, [], () => alice);

        Assert.Null(route);
    }

    [Fact]
    public void RouteServerRequest_NothingInFlightWithoutOidc_GoesToTheMostRecentlyActiveSession()
    {
        var anonymous = Session(owner: null);

        var route = _router.RouteServerRequest(null, [], () => anonymous);

        Assert.Same(anonymous, route?.Session);
        Assert.Same(anonymous, route?.Sink);
    }

    [Fact]
    public void RouteServerRequest_RelatedToATask_GoesToTheTasksSession()
    {
        var alice = Session("alice");
        var bob = Session("bob");
        _router.TaskStarted("task-7", alice);

        var route = _router.RouteServerRequest(
            Params("""{"_meta":{"io.modelcontextprotocol/related-task":{"taskId":"task-7"}}}"""), [Busy(bob)], () => bob);

        Assert.Same(alice, route?.Session);
    }

    private static McpSession Session(string? owner) =>
        new(Guid.NewGuid().ToString("N"), SessionKind.StreamableHttp, 0) { Owner = owner };

    private InFlightRequest Busy(McpSession session, RecordingSink? sink = null) => new(session, sink ?? new RecordingSink(), ++_order);

    private static JsonObject Params(string json) => JsonNode.Parse(json)!.AsObject();

    private static JsonObject Log(string level) => new() { ["level"] = level, ["data"] = "something happened" };
}
