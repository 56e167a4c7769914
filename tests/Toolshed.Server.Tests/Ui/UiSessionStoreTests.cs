using Microsoft.Extensions.Time.Testing;
using Toolshed.Server.Ui;

namespace Toolshed.Server.Tests.Ui;

public sealed class UiSessionStoreTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-04T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private UiSessionStore Store(UiSessionOptions? options = null) => new(options ?? new UiSessionOptions(), _time);

    [Fact]
    public void Redeem_ALinksCode_OnceOnly()
    {
        var store = Store();
        var (code, _) = store.CreateLink(caller: null);

        var first = store.Redeem(code);
        var second = store.Redeem(code);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(store.Find(first.Value.SessionId));
    }

    [Fact]
    public void Redeem_AfterTheLinksLifetime_IsRefused()
    {
        var store = Store();
        var (code, expires) = store.CreateLink(caller: null);

        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(_time.GetUtcNow(), expires);
        Assert.Null(store.Redeem(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a code; with spaces")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Redeem_SomethingThatIsNoCode_IsRefused(string? code) => Assert.Null(Store().Redeem(code));

    [Fact]
    public void Find_IdleTooLong_EndsTheSession()
    {
        var store = Store(new UiSessionOptions { IdleTimeout = TimeSpan.FromMinutes(10) });
        var session = store.Redeem(store.CreateLink(null).Code)!.Value.SessionId;

        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.NotNull(store.Find(session));
        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.NotNull(store.Find(session)); // used 9 minutes ago: still alive
        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Null(store.Find(session));
    }

    [Fact]
    public void Find_PastTheAbsoluteLifetime_EndsEvenABusySession()
    {
        var store = Store(new UiSessionOptions { AbsoluteLifetime = TimeSpan.FromHours(1), IdleTimeout = TimeSpan.FromHours(1) });
        var session = store.Redeem(store.CreateLink(null).Code)!.Value.SessionId;
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(11));
            Assert.NotNull(store.Find(session));
        }

        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Null(store.Find(session));
    }

    [Fact]
    public void End_SignsTheSessionOut()
    {
        var store = Store();
        var session = store.Redeem(store.CreateLink(null).Code)!.Value.SessionId;

        store.End(session);

        Assert.Null(store.Find(session));
    }

    [Fact]
    public void ManyLinksAndSessions_StayWithinTheirBounds()
    {
        var store = Store(new UiSessionOptions { MaxLinks = 4, MaxSessions = 3 });
        var codes = Enumerable.Range(0, 1000).Select(_ => store.CreateLink(null).Code).ToList();

        var redeemed = codes.Select(store.Redeem).Count(s => s is not null);
        for (var i = 0; i < 100; i++)
        {
            store.Redeem(store.CreateLink(null).Code);
        }

        Assert.Equal(4, redeemed); // only the newest four links were kept
        Assert.Equal(3, store.SessionCount);
    }

    [Fact]
    public void TheStore_KeepsNoCodeOrSessionIdInTheClear()
    {
        var store = Store();
        var (code, _) = store.CreateLink(null);
        var session = store.Redeem(store.CreateLink(null).Code)!.Value;

        Assert.NotEqual(session.SessionId, session.Session.Key);
        Assert.Equal(64, session.Session.Key.Length); // a SHA-256, hex
        Assert.DoesNotContain(code, session.Session.Key, StringComparison.Ordinal);
    }
}
