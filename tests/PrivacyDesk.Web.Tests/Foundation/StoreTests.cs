using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Tools.Seeding;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Foundation;

/// <summary>The request store on each provider: round trips, reference numbers, optimistic concurrency, demo data.</summary>
public abstract class StoreTests(AppFixture app)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_request_round_trips_with_its_people_kinds_and_history()
    {
        var id = await app.WithDbAsync(async db =>
        {
            var request = await NewRequestAsync(db, RequestFamily.Correction, [RequestKind.Correction, RequestKind.Deletion], RequesterType.VoluntaryAgent);
            db.Requests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });

        var loaded = await app.WithDbAsync(db => db.Requests
            .Include(r => r.Principal).Include(r => r.Agent).Include(r => r.StatusHistory)
            .SingleAsync(r => r.Id == id));

        Assert.Equal(RequestFamily.Correction, loaded.Family);
        Assert.Equal([RequestKind.Correction, RequestKind.Deletion], loaded.Kinds);
        Assert.Equal("ヤマダ ハナコ", loaded.Principal.FullNameKana);
        Assert.NotNull(loaded.Agent);
        Assert.Equal(PartyRole.Agent, loaded.Agent.Role);
        Assert.Equal("旧住所", loaded.CurrentContent);
        Assert.Equal(RequestStatus.Received, Assert.Single(loaded.StatusHistory).To);
        Assert.Equal(Now.AddHours(-1), loaded.ReceivedAt);
    }

    [Fact]
    public async Task Reference_numbers_are_sequential_per_year_and_unique()
    {
        var numbers = await app.WithScopeAndReturnAsync(async services =>
        {
            var allocator = services.GetRequiredService<ReferenceNumberAllocator>();
            var list = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                list.Add(await allocator.NextAsync(new DateTimeOffset(2031, 6, 1, 0, 0, 0, TimeSpan.Zero)));
            }

            return list;
        });

        Assert.Equal(["PD-2031-000001", "PD-2031-000002", "PD-2031-000003"], numbers);
    }

    [Fact]
    public async Task A_second_editor_working_from_an_old_version_is_refused()
    {
        var id = await app.WithDbAsync(async db =>
        {
            var request = await NewRequestAsync(db, RequestFamily.StopUse, [RequestKind.StopOfUse], RequesterType.Principal);
            db.Requests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });

        await using var scopeA = app.Factory.Services.CreateAsyncScope();
        await using var scopeB = app.Factory.Services.CreateAsyncScope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
        var dbB = scopeB.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
        var copyA = await dbA.Requests.Include(r => r.StatusHistory).SingleAsync(r => r.Id == id);
        var copyB = await dbB.Requests.Include(r => r.StatusHistory).SingleAsync(r => r.Id == id);

        copyA.StartIdentityCheck("staff-a", Now);
        await dbA.SaveChangesAsync();

        copyB.Withdraw("staff-b", Now);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => dbB.SaveChangesAsync());

        var stored = await app.WithDbAsync(db => db.Requests.Include(r => r.StatusHistory).SingleAsync(r => r.Id == id));
        Assert.Equal(RequestStatus.IdentityCheck, stored.Status);
        Assert.Equal(2, stored.StatusHistory.Count);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Adding_a_payment_alone_moves_the_version()
    {
        var id = await app.WithDbAsync(async db =>
        {
            var request = await NewRequestAsync(db, RequestFamily.Disclosure, [RequestKind.Disclosure], RequesterType.Principal);
            db.Requests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });

        await app.WithDbAsync(async db =>
        {
            var request = await db.Requests.Include(r => r.Payments).SingleAsync(r => r.Id == id);
            request.RecordPayment(new FeePayment(1_000, new DateOnly(2026, 11, 28), PaymentMethod.BankTransfer, "ﾔﾏﾀﾞ ﾊﾅｺ", "staff", Now));
            return await db.SaveChangesAsync();
        });

        var version = await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Version).SingleAsync());
        Assert.Equal(1, version);
    }

    [Fact]
    public async Task Seed_demo_creates_valid_requests_through_the_domain()
    {
        var before = await app.WithDbAsync(db => db.Requests.CountAsync());
        await app.WithScopeAsync(async services =>
        {
            var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(services);
            Assert.Equal(120, await seeder.SeedAsync(120, 7, null, CancellationToken.None));
        });

        var (count, distinctNumbers, statuses) = await app.WithDbAsync(async db => (
            await db.Requests.CountAsync(),
            await db.Requests.Select(r => r.ReferenceNumber).Distinct().CountAsync(),
            await db.Requests.Select(r => r.Status).Distinct().CountAsync()));
        Assert.Equal(before + 120, count);
        Assert.Equal(count, distinctNumbers);
        Assert.True(statuses >= 5, $"demo data should cover the stages of the path, got {statuses} statuses");
    }

    internal static async Task<PrivacyRequest> NewRequestAsync(PrivacyDeskDbContext db, RequestFamily family, RequestKind[] kinds, RequesterType type)
    {
        var allocator = new ReferenceNumberAllocator(db);
        var principal = new Person(PartyRole.Principal, "山田 花子", "やまだ　はなこ", new DateOnly(1980, 4, 1), "１６０－００２２",
            "東京都", "新宿区新宿", "6-24-20", "03-5285-1771", "hanako@example.jp", "12345678", "生活クラブ東京");
        var agent = type == RequesterType.Principal ? null : new Person(PartyRole.Agent, "山田 太郎", "ヤマダ タロウ",
            new DateOnly(1975, 1, 1), "160-0022", "東京都", "新宿区新宿", "6-24-20", "090-1234-5678", "taro@example.jp");
        var details = family switch
        {
            RequestFamily.Disclosure => new RequestDetails("登録情報", Delivery: DeliveryMethod.Electronic),
            RequestFamily.Correction => new RequestDetails("登録住所", "旧住所", "新住所"),
            _ => new RequestDetails("案内の送付", StopGrounds: [StopUseGround.NoLongerNeeded]),
        };
        return new PrivacyRequest(await allocator.NextAsync(Now), AccessToken.Hash(AccessToken.Create()), family, kinds, Channel.Online,
            type, principal, agent, details, Now.AddHours(-1), new FeePolicy(), new DeadlineClock(), PrivacyRequest.MemberActor, Now);
    }
}

public sealed class StoreTestsOnSqlite(SqliteAppFixture app) : StoreTests(app), IClassFixture<SqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class StoreTestsOnPostgres(PostgresAppFixture app) : StoreTests(app), IClassFixture<PostgresAppFixture>;
