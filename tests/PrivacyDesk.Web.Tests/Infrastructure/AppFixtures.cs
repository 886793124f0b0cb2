using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Tests.Infrastructure;

/// <summary>
/// A running app on a freshly migrated database, for the tests of one class. Each integration test class is written once
/// as an abstract class taking an <see cref="AppFixture"/>, and run on both providers by two small subclasses.
/// </summary>
/// <remarks>
/// Underneath, the app is shared (ADR 0019): every fixture of the same type and settings leases one
/// <see cref="SharedHost"/> per test process, and the lease starts by putting the database back to the state of just
/// after migration (and giving the class a client address of its own, so per-client limits start afresh). Classes that
/// lease the same host run one after another; classes on different hosts run in parallel. What a subclass does in its own
/// <c>IAsyncLifetime.InitializeAsync</c> after calling <see cref="InitializeAsync"/> (seeding data) happens on the
/// reset database, as it did on a new one.
/// </remarks>
public abstract class AppFixture : IAsyncLifetime, IDisposable
{
    private SharedHost? host;
    private bool leased;

    public abstract string ProviderName { get; }

    public PrivacyDeskFactory Factory => host?.Factory ?? throw new InvalidOperationException("The fixture is not started.");

    public TestDatabase Database => host?.Database ?? throw new InvalidOperationException("The fixture is not started.");

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Creates the empty database of the shared host (called once per host, not once per class).</summary>
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        var settings = Settings;
        host = await SharedHost.AcquireAsync(GetType(), settings, CreateDatabaseAsync);
        leased = true;
    }

    public Task DisposeAsync()
    {
        if (leased)
        {
            leased = false;
            host?.Release();
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // The host outlives the class (SharedHost disposes it when the test process ends); only the lease is returned.
        if (leased)
        {
            leased = false;
            host?.Release();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Runs <paramref name="action"/> with a fresh DbContext from the app's own container.</summary>
    public async Task<T> WithDbAsync<T>(Func<PrivacyDeskDbContext, Task<T>> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>());
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }

    public async Task<T> WithScopeAndReturnAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }
}

public sealed class SqliteAppFixture : AppFixture
{
    public override string ProviderName => "Sqlite";

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class PostgresAppFixture : AppFixture
{
    public override string ProviderName => "Postgres";

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgresAsync();
}
