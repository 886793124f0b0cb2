using Microsoft.Playwright;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Journeys;

/// <summary>
/// The app on a real Kestrel port (a browser cannot reach the in-memory test server) and Debian's Chromium driven by
/// Playwright. Nothing is downloaded: the browser is /usr/bin/chromium.
/// </summary>
/// <remarks>
/// Like the app fixtures (ADR 0019), the Kestrel host, the Playwright driver and the browser process are started once per
/// test process and leased by one journey class at a time (they form one xunit collection, <see cref="HostCollections"/>);
/// each lease starts on the database as it was just after migration and with no captured log lines, as a new host did.
/// Each test opens its own browser context, so cookies and storage never carry over from one class to the next.
/// </remarks>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly Lazy<Task<Host>> Shared = new(StartAsync);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private Host? host;

    public IBrowser Browser => Leased.Browser;

    public Uri BaseAddress => Leased.Factory.ClientOptions.BaseAddress;

    public PrivacyDeskFactory Factory => Leased.Factory;

    private Host Leased => host ?? throw new InvalidOperationException("The browser fixture is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install chromium (.ci/run does this).");
        }

        var shared = await Shared.Value;
        await Gate.WaitAsync();
        try
        {
            if (shared.Used)
            {
                await shared.Snapshot.RestoreAsync();
                shared.Factory.Logs.Clear();
            }

            shared.Used = true;
        }
        catch
        {
            Gate.Release();
            throw;
        }

        host = shared;
    }

    public Task DisposeAsync()
    {
        // The host and the browser outlive the class (they are closed when the test process ends); only the lease ends.
        if (host is not null)
        {
            host = null;
            Gate.Release();
        }

        return Task.CompletedTask;
    }

    /// <summary>Where screenshots go, so that a failing journey can be looked at.</summary>
    public static string ScreenshotPath(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name + ".png");
    }

    private static async Task<Host> StartAsync()
    {
        var database = TestDatabase.CreateSqlite();
        var factory = new PrivacyDeskFactory(database, new Dictionary<string, string?>
        {
            ["AbuseProtection:PostsPerMinute"] = "1000",
            ["AbuseProtection:StatusLookupsPerMinute"] = "1000",
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var snapshot = await DatabaseSnapshot.TakeAsync(database);

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        var host = new Host(database, factory, snapshot, playwright, browser);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => host.Close();
        return host;
    }

    private sealed class Host(TestDatabase database, PrivacyDeskFactory factory, DatabaseSnapshot snapshot, IPlaywright playwright, IBrowser browser)
    {
        public PrivacyDeskFactory Factory { get; } = factory;

        public DatabaseSnapshot Snapshot { get; } = snapshot;

        public IBrowser Browser { get; } = browser;

        public bool Used { get; set; }

        public void Close()
        {
            // Best effort at exit: the browser and the driver are child processes that would otherwise outlive the run.
            try
            {
                Browser.CloseAsync().Wait(TimeSpan.FromSeconds(5));
                playwright.Dispose();
                Factory.Dispose();
                database.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
