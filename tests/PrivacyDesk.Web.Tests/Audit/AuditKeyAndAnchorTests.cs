using PrivacyDesk.Domain.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Tools.Seeding;
using PrivacyDesk.Web.Pages.Staff.Dashboard;
using PrivacyDesk.Web.Tests.Mail;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Staff;

namespace PrivacyDesk.Web.Tests.Audit;

/// <summary>
/// The keyed chain and its anchors (ADR 0008, amendment 1), on each provider, against someone who can write the database
/// but holds neither the chain key nor the anchor file: a full re-hash with the head moved is detected whatever key it
/// uses, rewriting the chain as unkeyed is caught by the anchor (which is named), a shortened chain too; rotated keys
/// keep old events verifiable; the legacy unkeyed prefix verifies but cannot be extended; the anchor is written and
/// mailed once per day. Tampering is undone at the end of each test, which also checks that the chain is whole again.
/// </summary>
public abstract class AuditKeyAndAnchorTests(AnchoredAppFixture app)
{
    private TestDatabase Database => app.Database;

    private static async Task RecordAsync(IServiceProvider root, int count)
    {
        await using var scope = root.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        for (var i = 0; i < count; i++)
        {
            audit.Record("test.keyed", i % 2 == 0 ? Guid.CreateVersion7() : null, new { n = i }, actorId: $"user-{i}", actorRole: "Staff");
        }

        await scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>().SaveChangesAsync();
    }

    private static async Task<AuditVerification> WholeAsync(IServiceProvider root)
    {
        var result = await AuditDatabase.VerifyAsync(root);
        Assert.True(result.IsWhole, $"expected a whole chain, got {result.FirstBreak}");
        return result;
    }

    private static async Task<List<AuditEvent>> EventsAsync(IServiceProvider root)
    {
        await using var scope = root.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>().AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    private static Task<AuditAnchorResult> AnchorAsync(IServiceProvider root, DateOnly date) =>
        InScopeAsync(root, services => services.GetRequiredService<AuditAnchoring>().AnchorAsync(date));

    private static async Task<T> InScopeAsync<T>(IServiceProvider root, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = root.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>
    /// What an attacker with write access to the database does: triggers out of the way, the actor of event
    /// <paramref name="edited"/> changed, every event from <paramref name="from"/> on re-hashed under <paramref name="key"/>
    /// (null: plain SHA-256, as unkeyed) with key id <paramref name="keyId"/>, and the head moved to the new last hash.
    /// Returns the way back.
    /// </summary>
    private async Task<Func<Task>> RehashAsync(long from, long edited, AuditChainKey? key, string? keyId)
    {
        var events = await EventsAsync(app.Factory.Services);
        var originals = events.Where(e => e.Sequence >= from).Select(e => (e.Sequence, e.ActorId, e.PreviousHash, e.Hash, e.ChainKeyId)).ToList();
        var previous = from == 1 ? new byte[32] : events.Single(e => e.Sequence == from - 1).Hash;
        foreach (var e in events.Where(e => e.Sequence >= from))
        {
            if (e.Sequence == edited)
            {
                e.ActorId = "forger";
            }

            e.PreviousHash = previous;
            e.ChainKeyId = keyId;
            e.Hash = AuditCanonicalForm.Hash(previous, e, key);
            previous = e.Hash;
            await UpdateAsync(e.Sequence, e.ActorId, e.PreviousHash, e.Hash, e.ChainKeyId);
        }

        var head = await AuditDatabase.ScalarAsync(Database, """SELECT "LastHash" FROM "AuditChainHead" """);
        await AuditDatabase.TamperAsync(Database, """UPDATE "AuditChainHead" SET "LastHash" = @h""", ("@h", previous));
        return async () =>
        {
            foreach (var o in originals)
            {
                await UpdateAsync(o.Sequence, o.ActorId, o.PreviousHash, o.Hash, o.ChainKeyId);
            }

            await AuditDatabase.TamperAsync(Database, """UPDATE "AuditChainHead" SET "LastHash" = @h""", ("@h", head));
        };
    }

    private Task<int> UpdateAsync(long sequence, string actorId, byte[] previousHash, byte[] hash, string? keyId) =>
        AuditDatabase.TamperAsync(Database,
            """UPDATE "AuditEvents" SET "ActorId" = @a, "PreviousHash" = @p, "Hash" = @h, "ChainKeyId" = @k WHERE "Sequence" = @s""",
            ("@a", actorId), ("@p", previousHash), ("@h", hash), ("@k", keyId), ("@s", sequence));

    [Theory]
    [InlineData("unkeyed", AuditBreakKind.UnkeyedAfterKeyed)]
    [InlineData("wrong key, real key id", AuditBreakKind.ContentChanged)]
    [InlineData("own key and id", AuditBreakKind.UnknownKey)]
    public async Task A_full_rehash_with_the_head_moved_by_someone_without_the_key_is_detected(string how, AuditBreakKind expected)
    {
        await RecordAsync(app.Factory.Services, 6);
        var before = await WholeAsync(app.Factory.Services);
        var target = before.LastSequence - 3;
        var realKeyId = app.Factory.Services.GetRequiredService<AuditKeyStore>().Current.Id;
        var guessed = RandomNumberGenerator.GetBytes(32);
        var attackerKey = new AuditChainKey(how == "own key and id" ? "k0123456789abcdef" : realKeyId, guessed);
        var undo = await RehashAsync(target, target, how == "unkeyed" ? null : attackerKey, how == "unkeyed" ? null : attackerKey.Id);

        var result = await AuditDatabase.VerifyAsync(app.Factory.Services);
        Assert.False(result.IsWhole, $"the re-hash ({how}) was not detected");
        Assert.Equal((target, expected), (result.FirstBreak!.Sequence, result.FirstBreak.Kind));
        Assert.Equal(1, await InScopeAsync(app.Factory.Services, s => new VerifyAuditCommand().ExecuteAsync(s, [], CancellationToken.None)));

        await undo();
        Assert.Equal(before.LastHashHex, (await WholeAsync(app.Factory.Services)).LastHashHex);
    }

    [Fact]
    public async Task Rewriting_the_whole_chain_as_unkeyed_passes_the_walk_but_not_the_anchor_which_is_named()
    {
        await RecordAsync(app.Factory.Services, 4);
        var date = new DateOnly(2026, 1, 11);
        var anchor = (await AnchorAsync(app.Factory.Services, date)).Anchor;
        var before = await WholeAsync(app.Factory.Services);
        var anchors = File.ReadAllLines(app.AnchorFile).Select(l => JsonSerializer.Deserialize<AuditAnchor>(l)!).ToList();
        Assert.Equal((app.AnchorFile, anchors.Count, anchor), (before.AnchorFile, before.AnchorsCompared, before.LatestAnchor));

        // Every event re-hashed from the first as if written before keys existed: a chain the walk alone accepts. The
        // earliest anchor (other tests of the class may have taken some before this one) is the one that disagrees.
        var undo = await RehashAsync(1, anchor.Sequence - 1, null, null);
        var result = await AuditDatabase.VerifyAsync(app.Factory.Services);
        var earliest = anchors.MinBy(a => a.Sequence)!;
        Assert.Equal(new AuditBreak(earliest.Sequence, AuditBreakKind.AnchorMismatch, app.AnchorFile, earliest.Date), result.FirstBreak);
        Assert.Contains(app.AnchorFile, result.FirstBreak!.Description.English, StringComparison.Ordinal);
        Assert.Contains(AuditTime.Day(earliest.Date), result.FirstBreak.Description.Japanese, StringComparison.Ordinal);
        Assert.Equal(1, await InScopeAsync(app.Factory.Services, s => new VerifyAuditCommand().ExecuteAsync(s, [], CancellationToken.None)));

        await undo();
        await WholeAsync(app.Factory.Services);
    }

    [Fact]
    public async Task A_chain_cut_back_below_an_anchor_is_detected_and_the_anchor_named()
    {
        await RecordAsync(app.Factory.Services, 3);
        var date = new DateOnly(2026, 1, 12);
        var anchor = (await AnchorAsync(app.Factory.Services, date)).Anchor;
        var whole = await WholeAsync(app.Factory.Services);

        // The tail from the anchored event on removed (the anchor's own audit event too), the head moved back: consistent.
        var removed = new List<Dictionary<string, object?>>();
        for (var s = anchor.Sequence; s <= whole.LastSequence; s++)
        {
            removed.Add(await AuditDatabase.RowAsync(Database, s));
        }

        var head = await AuditDatabase.RowAsync(Database, anchor.Sequence - 1);
        await AuditDatabase.TamperAsync(Database, """DELETE FROM "AuditEvents" WHERE "Sequence" >= @s""", ("@s", anchor.Sequence));
        await AuditDatabase.TamperAsync(Database, """UPDATE "AuditChainHead" SET "LastSequence" = @s, "LastHash" = @h""",
            ("@s", anchor.Sequence - 1), ("@h", head["Hash"]));

        var result = await AuditDatabase.VerifyAsync(app.Factory.Services);
        Assert.Equal(new AuditBreak(anchor.Sequence, AuditBreakKind.ChainShorterThanAnchor, app.AnchorFile, date), result.FirstBreak);

        foreach (var row in removed)
        {
            await AuditDatabase.ReinsertAsync(Database, row);
        }

        await AuditDatabase.TamperAsync(Database, """UPDATE "AuditChainHead" SET "LastSequence" = @s, "LastHash" = @h""",
            ("@s", whole.LastSequence), ("@h", Convert.FromHexString(whole.LastHashHex)));
        await WholeAsync(app.Factory.Services);
    }

    [Fact]
    public async Task The_anchor_is_written_once_and_mailed_to_each_auditor_once_per_day_across_instances()
    {
        var auditors = new[]
        {
            (await StaffSignIn.CreateUserAsync(app, StaffRoles.Auditor)).Email,
            (await StaffSignIn.CreateUserAsync(app, StaffRoles.Auditor)).Email,
        };
        var staff = (await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff)).Email;
        await RecordAsync(app.Factory.Services, 2);
        var date = new DateOnly(2026, 1, 13);
        var linesBefore = File.Exists(app.AnchorFile) ? File.ReadAllLines(app.AnchorFile).Length : 0;

        await using var second = new PrivacyDeskFactory(Database, app.AnchorSettings);
        var runs = await Task.WhenAll(
            AnchorAsync(app.Factory.Services, date), AnchorAsync(second.Services, date), AnchorAsync(app.Factory.Services, date));
        Assert.Single(runs, r => r.Anchored);
        var anchor = runs.Single(r => r.Anchored).Anchor;
        Assert.All(runs, r => Assert.Equal(anchor with { AnchoredAt = r.Anchor.AnchoredAt }, r.Anchor));
        Assert.False((await AnchorAsync(app.Factory.Services, date)).Anchored);

        var lines = File.ReadAllLines(app.AnchorFile);
        Assert.Equal(linesBefore + 1, lines.Length);
        Assert.Equal(anchor, JsonSerializer.Deserialize<AuditAnchor>(lines[^1]));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(app.AnchorFile));
        }

        var mails = await app.WithDbAsync(db => db.Outbox.AsNoTracking()
            .Where(m => m.Kind == AuditAnchoring.MailKind && m.Subject.Contains("2026-01-13")).Select(m => m.ToAddress).ToListAsync());
        Assert.Equal(auditors.Order(StringComparer.Ordinal), mails.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(staff, mails);

        var (_, body) = AuditAnchoring.Mail(anchor, app.AnchorFile);
        Assert.Contains(anchor.Hash, body, StringComparison.Ordinal);
        Assert.Contains(JsonSerializer.Serialize(anchor), body, StringComparison.Ordinal);

        // The anchored head verifies, and the anchor taking is itself an audit event after it.
        var verified = await WholeAsync(app.Factory.Services);
        Assert.True(verified.LastSequence > anchor.Sequence);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.Anchored && e.Details!.Contains("2026-01-13"))));
    }

    [Fact]
    public async Task The_daily_job_started_after_the_anchor_time_anchors_that_day()
    {
        var day = new DateOnly(2026, 1, 14);
        var worker = new AuditAnchorWorker(app.Factory.Services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new AuditOptions { AnchorAtJst = new TimeOnly(0, 15) }),
            new ManualTime(JapaneseText.JstDayStart(day).AddMinutes(20)), NullLogger<AuditAnchorWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            // The job appends to the file inside its transaction, then commits: wait for the committed row, not the file.
            await Wait.UntilAsync(
                () => app.WithDbAsync(db => db.AuditAnchors.AnyAsync(a => a.Date == day)),
                TimeSpan.FromSeconds(60), "the job to commit the day's anchor");
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        Assert.Contains(File.ReadLines(app.AnchorFile), l => l.Contains("\"2026-01-14\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rotated_keys_keep_old_events_verifiable_from_the_key_file_and_from_configuration()
    {
        await using var database = await app.CreateOtherDatabaseAsync();
        // The key file in a folder named on purpose (on a shared database, one that every instance would mount).
        var keyFolder = Directory.CreateTempSubdirectory("privacydesk-audit-keys-").FullName;
        await using var fileRing = new PrivacyDeskFactory(database, new Dictionary<string, string?> { ["Audit:ChainKey"] = "", ["Audit:KeyDirectory"] = keyFolder });
        var store = fileRing.Services.GetRequiredService<AuditKeyStore>();
        await RecordAsync(fileRing.Services, 2);
        Assert.True(File.Exists(store.KeyFilePath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.KeyFilePath));
        }

        var first = store.Current.Id;
        Assert.Equal(0, await InScopeAsync(fileRing.Services, s => new RotateAuditKeyCommand().ExecuteAsync(s, [], CancellationToken.None)));
        Assert.NotEqual(first, store.Current.Id);
        await RecordAsync(fileRing.Services, 2);
        await WholeAsync(fileRing.Services);

        // Moved to configuration: the file's keys become previous keys, a new key is current.
        using var file = JsonDocument.Parse(await File.ReadAllBytesAsync(store.KeyFilePath));
        var previous = file.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("key").GetString()).ToList();
        var settings = new Dictionary<string, string?> { ["Audit:ChainKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        for (var i = 0; i < previous.Count; i++)
        {
            settings[$"Audit:PreviousChainKeys:{i}"] = previous[i];
        }

        await using var configured = new PrivacyDeskFactory(database, settings);
        await RecordAsync(configured.Services, 2);
        var events = await EventsAsync(configured.Services);
        Assert.Equal(3, events.Select(e => e.ChainKeyId).Distinct().Count());
        Assert.Equal(events.Count, (await WholeAsync(configured.Services)).VerifiedCount);

        // The instance that lacks the new key says so at its first event, rather than calling the chain whole.
        var unknown = await AuditDatabase.VerifyAsync(fileRing.Services);
        Assert.Equal(new AuditBreak(events.First(e => e.ChainKeyId == configured.Services.GetRequiredService<AuditKeyStore>().Current.Id).Sequence,
            AuditBreakKind.UnknownKey), unknown.FirstBreak);
    }

    [Fact]
    public async Task The_legacy_unkeyed_prefix_verifies_but_no_unkeyed_event_can_follow_a_keyed_one()
    {
        await using var database = await app.CreateOtherDatabaseAsync();
        await using var factory = new PrivacyDeskFactory(database);
        await InScopeAsync(factory.Services, s =>
        {
            var seeder = ActivatorUtilities.CreateInstance<AuditBulkSeeder>(s);
            seeder.Legacy = true;
            return seeder.SeedAsync(5, 2, 1, null, CancellationToken.None);
        });
        Assert.Equal((5L, 5L), ((await WholeAsync(factory.Services)).VerifiedCount, (await WholeAsync(factory.Services)).LegacyThrough));

        await RecordAsync(factory.Services, 3);
        var whole = await WholeAsync(factory.Services);
        Assert.Equal((8L, 5L), (whole.VerifiedCount, whole.LegacyThrough));
        var events = await EventsAsync(factory.Services);
        Assert.Equal(events[4].Hash, events[5].PreviousHash);
        Assert.Null(events[4].ChainKeyId);
        Assert.NotNull(events[5].ChainKeyId);

        // An unkeyed event appended after the keyed ones, correctly chained, the head moved to it.
        var row = await AuditDatabase.RowAsync(database, 8);
        var forged = new AuditEvent { Sequence = 9, OccurredAt = events[^1].OccurredAt, ActorId = "forger", Action = "request.viewed", PreviousHash = events[^1].Hash };
        forged.Hash = AuditCanonicalForm.Hash(forged.PreviousHash, forged);
        row = new Dictionary<string, object?>(row)
        {
            ["Sequence"] = 9L, ["ActorId"] = forged.ActorId, ["Action"] = forged.Action, ["ActorRole"] = null, ["RequestId"] = null,
            ["Details"] = null, ["IpAddress"] = null, ["PreviousHash"] = forged.PreviousHash, ["Hash"] = forged.Hash, ["ChainKeyId"] = null,
        };
        await AuditDatabase.ReinsertAsync(database, row);
        await AuditDatabase.TamperAsync(database, """UPDATE "AuditChainHead" SET "LastSequence" = 9, "LastHash" = @h""", ("@h", forged.Hash));
        Assert.Equal(new AuditBreak(9, AuditBreakKind.UnkeyedAfterKeyed), (await AuditDatabase.VerifyAsync(factory.Services)).FirstBreak);
    }
}

/// <summary>An app whose anchor file is in a folder of its own (the auditors' choice); its daily job stays off, tests run it.</summary>
public abstract class AnchoredAppFixture : AppFixture
{
    public string AnchorDirectory { get; } = Directory.CreateTempSubdirectory("privacydesk-anchors-").FullName;

    public string AnchorFile => Path.Combine(AnchorDirectory, AuditAnchorFile.FileName);

    public Dictionary<string, string?> AnchorSettings => new() { ["Audit:AnchorDirectory"] = AnchorDirectory };

    protected override IDictionary<string, string?> Settings => AnchorSettings;

    public Task<TestDatabase> CreateOtherDatabaseAsync() => CreateDatabaseAsync();
}

public sealed class AnchoredSqliteAppFixture : AnchoredAppFixture
{
    public override string ProviderName => "Sqlite";

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class AnchoredPostgresAppFixture : AnchoredAppFixture
{
    public override string ProviderName => "Postgres";

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgresAsync();
}

public sealed class AuditKeyAndAnchorTestsOnSqlite(AnchoredSqliteAppFixture app) : AuditKeyAndAnchorTests(app), IClassFixture<AnchoredSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class AuditKeyAndAnchorTestsOnPostgres(AnchoredPostgresAppFixture app) : AuditKeyAndAnchorTests(app), IClassFixture<AnchoredPostgresAppFixture>;
