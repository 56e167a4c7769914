using Toolshed.Server.Ui;

namespace Toolshed.Server.Tests.Ui;

public sealed class UiAssetsTests
{
    [Fact]
    public void Embedded_HoldsEveryPageAndScript()
    {
        var assets = new UiAssets();

        Assert.Superset(
            new HashSet<string>(["index.html", "login.html", "signed-out.html", "app.js", "login.js", "style.css"], StringComparer.Ordinal),
            assets.Names.ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void ContentSecurityPolicy_AllowsOnlyThisOrigin()
    {
        Assert.Contains("script-src 'self'", UiAssets.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", UiAssets.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", UiAssets.ContentSecurityPolicy, StringComparison.Ordinal);
    }
}
