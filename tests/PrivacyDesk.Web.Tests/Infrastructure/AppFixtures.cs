using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Tests.Infrastructure;

/// <summary>
/// One running app on one fresh database, shared by the tests of a class. Each integration test class is written once
/// as an abstract class taking an <see cref="AppFixture"/>, and run on both providers by two small subclasses.
/// </summary>
public abstract class AppFixture : IAsyncLifetime, IDisposable
{
    private TestDatabase? database;
    private PrivacyDeskFactory? factory;

    public abstract string ProviderName { get; }

    public PrivacyDeskFactory Factory => factory ?? throw new InvalidOperationException("The fixture is not started.");

    public TestDatabase Database => database ?? throw new InvalidOperationException("The fixture is not started.");

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        database = await CreateDatabaseAsync();
        factory = new PrivacyDeskFactory(database, Settings);

        // Start the host now, so that migrations run before the first test measures anything.
        _ = factory.Server;
    }

    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    public void Dispose()
    {
        factory?.Dispose();
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
