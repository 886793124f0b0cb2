using System.Collections.Concurrent;
using Microsoft.Playwright;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Journeys;

/// <summary>
/// The app on a real Kestrel port (a browser cannot reach the in-memory test server) and Debian's Chromium driven by
/// Playwright. Nothing is downloaded: the browser is /usr/bin/chromium.
/// </summary>
/// <remarks>
/// Like the app fixtures (ADR 0019), the Playwright driver and the browser process are started once per test process.
/// Each fixture type is a lane: a Kestrel host on a database of its own, leased by one journey class at a time (the
/// classes of a lane form one xunit collection, <see cref="HostCollections"/>); each lease starts on the database as it
/// was just after migration and with no captured log lines, as a new host did. Two lanes run side by side on the one
/// browser: the back-office screen check alone takes about as long as all the journeys together, and in one lane it made
/// the browser classes the longest chain of the whole suite. Each test opens its own browser context, so cookies and
/// storage never carry over from one class to the next.
/// </remarks>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly Lazy<Task<(IPlaywright Playwright, IBrowser Browser)>> SharedBrowser = new(LaunchAsync);
    private static readonly ConcurrentDictionary<Type, Lazy<Task<Host>>> Lanes = new();
    private static readonly ConcurrentDictionary<Type, SemaphoreSlim> Gates = new();
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

        var shared = await Lanes.GetOrAdd(GetType(), _ => new Lazy<Task<Host>>(StartAsync)).Value;
        var gate = Gates.GetOrAdd(GetType(), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
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
            gate.Release();
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
            Gates[GetType()].Release();
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
        var (_, browser) = await SharedBrowser.Value;
        var host = new Host(database, factory, snapshot, browser);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => host.Close();
        return host;
    }

    private static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
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
        // Best effort at exit: the browser and the driver are child processes that would otherwise outlive the run.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                browser.CloseAsync().Wait(TimeSpan.FromSeconds(5));
                playwright.Dispose();
            }
            catch (AggregateException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        };
        return (playwright, browser);
    }

    private sealed class Host(TestDatabase database, PrivacyDeskFactory factory, DatabaseSnapshot snapshot, IBrowser browser)
    {
        public PrivacyDeskFactory Factory { get; } = factory;

        public DatabaseSnapshot Snapshot { get; } = snapshot;

        public IBrowser Browser { get; } = browser;

        public bool Used { get; set; }

        public void Close()
        {
            // Best effort at exit; the shared browser is closed by its own exit handler.
            try
            {
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

/// <summary>
/// The second browser lane (<see cref="BrowserFixture"/>): its own host and database on the shared browser, so that its
/// classes run beside the first lane's.
/// </summary>
public sealed class SecondBrowserLane : BrowserFixture
{
}
