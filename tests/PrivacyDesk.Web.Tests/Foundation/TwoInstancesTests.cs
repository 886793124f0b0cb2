using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Foundation;

/// <summary>
/// Two app instances on one PostgreSQL database, as in a load-balanced deployment: they start (and migrate) at the
/// same moment, and hand out reference numbers concurrently without ever repeating one.
/// </summary>
[Trait("Provider", "Postgres")]
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private TestDatabase? database;

    public async Task InitializeAsync() => database = await TestDatabase.CreatePostgresAsync();

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_instances_start_together_on_an_empty_database_and_never_repeat_a_reference_number()
    {
        await using var first = new PrivacyDeskFactory(database!);
        await using var second = new PrivacyDeskFactory(database!);

        // Both start at once, so both try to migrate the empty database; EF's migration lock lets one do it.
        await Task.WhenAll(Task.Run(() => first.Server), Task.Run(() => second.Server));

        using var clientA = first.CreateClient();
        using var clientB = second.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await clientA.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

        var receivedAt = new DateTimeOffset(2026, 11, 29, 1, 0, 0, TimeSpan.Zero);
        async Task<List<string>> Allocate(PrivacyDeskFactory instance)
        {
            var numbers = new List<string>();
            for (var i = 0; i < 40; i++)
            {
                await using var scope = instance.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
                var allocator = scope.ServiceProvider.GetRequiredService<ReferenceNumberAllocator>();
                numbers.Add(await db.RetriedAsync(async ct =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    var number = await allocator.NextAsync(receivedAt, ct);
                    await transaction.CommitAsync(ct);
                    return number;
                }, CancellationToken.None));
            }

            return numbers;
        }

        var results = await Task.WhenAll(
            Task.Run(() => Allocate(first)), Task.Run(() => Allocate(second)),
            Task.Run(() => Allocate(first)), Task.Run(() => Allocate(second)));
        var all = results.SelectMany(r => r).ToArray();

        Assert.Equal(160, all.Length);
        Assert.Equal(160, all.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 160).Select(i => $"PD-2026-{i:D6}"), all.Order(StringComparer.Ordinal));

        await using var scope = first.Services.CreateAsyncScope();
        var facade = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>().Database;
        Assert.Equal(facade.GetMigrations(), await facade.GetAppliedMigrationsAsync());
    }
}
