using System.Net;
using Microsoft.Playwright;
using Toolshed.EndToEnd.Tests.Cli;
using Toolshed.EndToEnd.Tests.Telemetry;
using Toolshed.Testing;
using static Microsoft.Playwright.Assertions;

namespace Toolshed.EndToEnd.Tests.Ui;

/// <summary>
/// The dashboard in a real browser (Debian's Chromium through Playwright) against a real daemon and a real workload:
/// signing in with `shed ui`'s link, the live Workloads page, actions from the page, signing out.
/// </summary>
public sealed class DashboardTests(ChromiumFixture chromium, ShedDaemonFixture shed)
    : IClassFixture<ChromiumFixture>, IClassFixture<ShedDaemonFixture>
{
    private static readonly TimeSpan WorkloadStart = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_ThroughShedUisLink_OpensWorkloadsWithAStrictHttpOnlyCookieAndNoCodeLeftInTheAddress()
    {
        var link = await shed.LoginLinkAsync();
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = WatchForProblems(page);

        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Workloads" })).ToBeVisibleAsync();

        Assert.Equal(new Uri(shed.BaseUrl, "/ui/").AbsoluteUri, page.Url);
        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == "toolshed_ui");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/", cookie.Path);
        Assert.DoesNotContain(link.Split('#')[1], cookie.Value, StringComparison.Ordinal);
        // The page's history no longer holds the code.
        Assert.DoesNotContain('#', await page.EvaluateAsync<string>("() => document.referrer + ' ' + location.href"));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task SignIn_UsedLinkInAnotherBrowser_IsRefusedAndThatBrowserSeesOnlyTheSignedOutPage()
    {
        var link = await shed.LoginLinkAsync();
        await using var first = await chromium.Browser.NewContextAsync();
        var firstPage = await first.NewPageAsync();
        await firstPage.GotoAsync(link);
        await Expect(firstPage.GetByRole(AriaRole.Heading, new() { Name = "Workloads" })).ToBeVisibleAsync();

        await using var second = await chromium.Browser.NewContextAsync();
        var secondPage = await second.NewPageAsync();
        await secondPage.GotoAsync(link);

        await Expect(secondPage.GetByRole(AriaRole.Status)).ToContainTextAsync("shed ui");
        Assert.DoesNotContain(await second.CookiesAsync(), c => c.Name == "toolshed_ui");
        var dashboard = await secondPage.GotoAsync(new Uri(shed.BaseUrl, "/ui/").AbsoluteUri);
        Assert.Equal((int)HttpStatusCode.Unauthorized, dashboard!.Status);
        await Expect(secondPage.GetByText("You are not signed in")).ToBeVisibleAsync();
        var api = await secondPage.APIRequest.GetAsync(new Uri(shed.BaseUrl, "/api/v1beta/servers").AbsoluteUri);
        Assert.Equal((int)HttpStatusCode.Unauthorized, api.Status);
    }

    [Fact]
    public async Task Workloads_CreatedAndStoppedOutsideThePage_ShowUpLiveAndThePagesOwnButtonsDriveThem()
    {
        const string name = "ui-live";
        await using var context = await SignedInAsync();
        var page = await context.NewPageAsync();
        var problems = WatchForProblems(page);
        await page.GotoAsync(new Uri(shed.BaseUrl, "/ui/").AbsoluteUri);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Workloads" })).ToBeVisibleAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;
        var row = page.Locator($"tr[data-workload='{name}']");
        var state = row.Locator("[data-state]");

        await TelemetryWorkloads.CreateAsync(shed.Daemon, name, Token);
        await Expect(state).ToHaveAttributeAsync("data-state", "running", new() { Timeout = (float)WorkloadStart.TotalMilliseconds });
        await Expect(row.Locator("code.url")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^http://127\.0\.0\.1:\d+/mcp$"));
        await CaptureAsync(page, "workloads-light");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await CaptureAsync(page, "workloads-dark");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });

        var stopped = await shed.ShedAsync("stop", name);
        Assert.True(stopped.ExitCode == 0, stopped.Stdout + stopped.Stderr);
        await Expect(state).ToHaveAttributeAsync("data-state", "stopped", new() { Timeout = 5_000 });

        await row.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(state).ToHaveAttributeAsync("data-state", "running", new() { Timeout = (float)WorkloadStart.TotalMilliseconds });

        await row.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync($"Remove {name}?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0, new() { Timeout = 30_000 });

        var listed = await shed.ShedAsync("list", "--all");
        Assert.DoesNotContain(name, listed.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, navigations);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task WorkloadDetail_LinkedFromTheList_ShowsLiveFiguresLogsTheAuditedCallConfigurationAndSnippets()
    {
        const string name = "ui-detail";
        var port = await TelemetryWorkloads.CreateAsync(shed.Daemon, name, Token);
        await using var context = await SignedInAsync();
        var page = await context.NewPageAsync();
        var problems = WatchForProblems(page);
        await page.GotoAsync(new Uri(shed.BaseUrl, "/ui/").AbsoluteUri);
        await Expect(page.Locator($"tr[data-workload='{name}'] [data-state]")).ToHaveAttributeAsync("data-state", "running", new() { Timeout = (float)WorkloadStart.TotalMilliseconds });
        await Expect(page.Locator($"tr[data-workload='{name}'] [data-restarts]")).ToHaveTextAsync("0");
        await using (var client = await Servers.McpProbe.ConnectAsync(port))
        {
            Assert.Equal("seen in the page", await Servers.McpProbe.EchoAsync(client, "seen in the page"));
        }

        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        Assert.EndsWith($"#/workloads/{name}", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("[data-state]").First).ToHaveAttributeAsync("data-state", "running");
        await Expect(page.Locator("table.audit tr[data-method='tools/call']").First).ToContainTextAsync("echo", new() { Timeout = 10_000 });
        await Expect(page.Locator("[data-figure='Since start']")).Not.ToHaveTextAsync("0", new() { Timeout = 10_000 });
        await Expect(page.Locator("dl.config")).ToContainTextAsync("Permission profile");
        await Expect(page.Locator(".snippets")).ToContainTextAsync($"http://127.0.0.1:{port}/mcp");
        await Expect(page.Locator("[data-logs]")).Not.ToBeEmptyAsync(new() { Timeout = 10_000 });
        await page.Locator("#logs-search").FillAsync("no line has this 7f3c");
        await Expect(page.Locator("[data-logs]")).ToHaveTextAsync("No line matches.");
        await page.Locator("#logs-search").FillAsync("");
        await CaptureAsync(page, "workload-detail");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Secrets_SetAndDeletedFromThePage_TheValueNeverComesBackToTheBrowser()
    {
        const string secret = "ui_token";
        const string value = "s3cr3t-value-never-shown-81f2";
        await using var context = await SignedInAsync();
        var page = await context.NewPageAsync();
        var problems = WatchForProblems(page);
        var answers = new List<Task<string>>();
        page.Response += (_, response) =>
        {
            lock (answers)
            {
                answers.Add(response.TextAsync().ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "", TaskScheduler.Default));
            }
        };
        await page.GotoAsync(new Uri(shed.BaseUrl, "/ui/#/secrets").AbsoluteUri);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Secrets", Exact = true })).ToBeVisibleAsync();

        await page.GetByLabel("Name").FillAsync(secret);
        await page.GetByLabel("Value").FillAsync(value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var row = page.Locator($"tr[data-secret='{secret}']");
        await Expect(row).ToContainTextAsync("value hidden");
        await CaptureAsync(page, "secrets");
        var dom = await page.ContentAsync();
        var reveal = await context.APIRequest.GetAsync(new Uri(shed.BaseUrl, $"/api/v1beta/secrets/{secret}?reveal=true").AbsoluteUri);
        var revealBody = await reveal.TextAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);

        Assert.DoesNotContain(value, dom, StringComparison.Ordinal);
        Assert.Equal((int)HttpStatusCode.Forbidden, reveal.Status);
        Assert.DoesNotContain(value, revealBody, StringComparison.Ordinal);
        Task<string>[] pending;
        lock (answers)
        {
            pending = [.. answers];
        }

        Assert.All(await Task.WhenAll(pending), body => Assert.DoesNotContain(value, body, StringComparison.Ordinal));
        var listed = await shed.ShedAsync("secret", "list");
        Assert.DoesNotContain(secret, listed.Stdout, StringComparison.Ordinal);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task SignOut_EndsTheSessionForThePagesAndTheApi()
    {
        await using var context = await SignedInAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(shed.BaseUrl, "/ui/").AbsoluteUri);
        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == "toolshed_ui");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page.GetByText("You are not signed in")).ToBeVisibleAsync();
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "toolshed_ui");
        // The old cookie, replayed, opens nothing.
        await using var replay = await chromium.Browser.NewContextAsync();
        await replay.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = cookie.Name, Value = cookie.Value, Url = shed.BaseUrl.AbsoluteUri }]);
        var api = await replay.APIRequest.GetAsync(new Uri(shed.BaseUrl, "/api/v1beta/servers").AbsoluteUri);
        Assert.Equal((int)HttpStatusCode.Unauthorized, api.Status);
    }

    private async Task<IBrowserContext> SignedInAsync()
    {
        var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(await shed.LoginLinkAsync());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Workloads" })).ToBeVisibleAsync();
        await page.CloseAsync();
        return context;
    }

    /// <summary>Console errors and uncaught exceptions of the page, collected for the test's end.</summary>
    private static List<string> WatchForProblems(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (problems)
                {
                    problems.Add($"console: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (problems)
            {
                problems.Add($"page error: {error}");
            }
        };
        return problems;
    }

    /// <summary>A screenshot for the run's artifacts, and for the docs when TOOLSHED_UPDATE_SCREENSHOTS=1.</summary>
    private static async Task CaptureAsync(IPage page, string name)
    {
        var png = await page.ScreenshotAsync(new() { FullPage = true });
        var artifacts = Directory.CreateDirectory(RepositoryPaths.Combine(".artifacts", "screenshots"));
        await File.WriteAllBytesAsync(Path.Combine(artifacts.FullName, name + ".png"), png, Token);
        if (Environment.GetEnvironmentVariable("TOOLSHED_UPDATE_SCREENSHOTS") == "1")
        {
            var docs = Directory.CreateDirectory(RepositoryPaths.Combine("docs", "screenshots"));
            await File.WriteAllBytesAsync(Path.Combine(docs.FullName, name + ".png"), png, Token);
        }
    }
}
