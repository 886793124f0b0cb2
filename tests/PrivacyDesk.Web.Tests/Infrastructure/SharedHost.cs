using System.Collections.Concurrent;
using System.Net;

namespace PrivacyDesk.Web.Tests.Infrastructure;

/// <summary>
/// One running app per fixture type and settings profile, for the whole test process (ADR 0019). Starting a host and
/// migrating its database cost more than most test classes; a lease instead resets the database to its just-migrated
/// state (<see cref="DatabaseSnapshot"/>), clears the captured log lines and gives the class a client address of its own.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A shared host lives as long as the test process.")]
public sealed class SharedHost
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<SharedHost>>> Hosts = new(StringComparer.Ordinal);
    private static int nextClient;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly DatabaseSnapshot snapshot;
    private bool used;

    static SharedHost() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DisposeAll();

    private SharedHost(PrivacyDeskFactory factory, DatabaseSnapshot snapshot)
    {
        Factory = factory;
        this.snapshot = snapshot;
    }

    public PrivacyDeskFactory Factory { get; }

    public TestDatabase Database => Factory.Database;

    /// <summary>
    /// Waits until no other class uses the host for <paramref name="fixtureType"/> and <paramref name="settings"/>
    /// (starting it on a database from <paramref name="createDatabase"/> the first time), then resets it for the caller.
    /// </summary>
    public static async Task<SharedHost> AcquireAsync(
        Type fixtureType, IDictionary<string, string?> settings, Func<Task<TestDatabase>> createDatabase)
    {
        ArgumentNullException.ThrowIfNull(fixtureType);
        ArgumentNullException.ThrowIfNull(settings);
        var key = fixtureType.FullName + "\n" + string.Join("\n", settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key + "=" + s.Value));
        var host = await Hosts.GetOrAdd(key, _ => new Lazy<Task<SharedHost>>(() => StartAsync(settings, createDatabase))).Value;
        await host.gate.WaitAsync();
        try
        {
            await host.ResetAsync();
        }
        catch
        {
            host.gate.Release();
            throw;
        }

        return host;
    }

    public void Release() => gate.Release();

    private static async Task<SharedHost> StartAsync(IDictionary<string, string?> settings, Func<Task<TestDatabase>> createDatabase)
    {
        var database = await createDatabase();
        var factory = new PrivacyDeskFactory(database, settings);

        // Start the host now (it migrates the database), so that no test measures start-up.
        await Task.Run(() => factory.Server);
        return new SharedHost(factory, await DatabaseSnapshot.TakeAsync(database));
    }

    private async Task ResetAsync()
    {
        if (used)
        {
            await snapshot.RestoreAsync();
            Factory.Logs.Clear();
        }

        used = true;

        // Per-client state (the POST rate limit, the sign-in throttle, the upload-draft quota) lives in the app's memory,
        // keyed by the client's address: a new address per class starts it afresh, as a new host did.
        var n = Interlocked.Increment(ref nextClient);
        Factory.ClientAddress = new IPAddress([10, 77, (byte)(n >> 8), (byte)n]);
    }

    private static void DisposeAll()
    {
        foreach (var lazy in Hosts.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                try
                {
                    lazy.Value.Result.Database.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
                }
                catch (AggregateException)
                {
                    // Best effort at exit: scripts/test.sh removes its whole cluster anyway.
                }
            }
        }
    }
}
