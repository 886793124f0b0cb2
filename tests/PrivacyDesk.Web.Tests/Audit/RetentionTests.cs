using PrivacyDesk.Web.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Letters;
using PrivacyDesk.Web.Retention;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Audit;

/// <summary>
/// Retention: ID documents of requests closed more than 90 days ago lose their ciphertext (checked by raw SQL) and keep
/// their tombstone; recent and open requests are untouched; letters past their years lose the PDF; every purge is one
/// audit event; two purges at once purge each item once; the member's status page copes with a purged letter.
/// </summary>
public abstract class RetentionTests(AppFixture app)
{
    private sealed record Seeded(Guid RequestId, Guid DocumentId, string Reference, string Token);

    private async Task<Seeded> RequestAsync(int receivedDaysAgo, int? closedDaysAgo)
    {
        var now = DateTimeOffset.UtcNow;
        return await app.WithDbAsync(async db =>
        {
            var received = now.AddDays(-receivedDaysAgo);
            var token = AccessToken.Create();
            var principal = new Person(PartyRole.Principal, "保存 期間", "ホゾン キカン", new DateOnly(1970, 1, 1), "160-0022", "東京都", "新宿区新宿",
                "6-24-20", "03-5285-1771", "keep@example.jp");
            var request = new PrivacyRequest(await new ReferenceNumberAllocator(db).NextAsync(received), AccessToken.Hash(token), RequestFamily.Disclosure,
                [RequestKind.Disclosure], Channel.Online, RequesterType.Principal, principal, null,
                new RequestDetails("登録情報", Delivery: DeliveryMethod.Electronic), received, new FeePolicy(), new DeadlineClock(), PrivacyRequest.MemberActor, now);
            var document = new IdentityDocument(DocumentRole.PrincipalIdentity, DocumentType.DriversLicence, "image/png", 3, new string('a', 64), received);
            request.AttachDocument(document);
            if (closedDaysAgo is { } closed)
            {
                request.Withdraw(PrivacyRequest.MemberActor, now.AddDays(-closed));
            }

            db.Requests.Add(request);
            db.DocumentContents.Add(new DocumentContent { DocumentId = document.Id, KeyId = "test", Ciphertext = [1, 2, 3] });
            await db.SaveChangesAsync();
            return new Seeded(request.Id, document.Id, request.ReferenceNumber, token);
        });
    }

    private async Task<Guid> LetterAsync(Guid requestId, DateTimeOffset issuedAt) => await app.WithDbAsync(async db =>
    {
        var letter = new IssuedLetter { RequestId = requestId, Kind = "disclosure", IssuedAt = issuedAt, IssuedBy = "staff", Sha256 = new string('b', 64), Pdf = [37, 80, 68, 70] };
        db.Letters.Add(letter);
        await db.SaveChangesAsync();
        return letter.Id;
    });

    private Task<RetentionResult> PurgeAsync() =>
        app.WithScopeAndReturnAsync(services => services.GetRequiredService<RetentionPurger>().PurgeAsync());

    private async Task<long> RawCountAsync(string sql, Guid id) => Convert.ToInt64(
        await AuditDatabase.ScalarAsync(app.Database, sql, ("@id", app.Database.IsSqlite() ? id.ToString().ToUpperInvariant() : id)),
        System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Documents_of_requests_closed_long_ago_are_purged_leaving_tombstones_and_others_are_untouched()
    {
        var old = await RequestAsync(200, 100);
        var recent = await RequestAsync(30, 10);
        var open = await RequestAsync(150, null);
        var oldLetter = await LetterAsync(old.RequestId, DateTimeOffset.UtcNow.AddYears(-6));
        var newLetter = await LetterAsync(old.RequestId, DateTimeOffset.UtcNow.AddYears(-1));

        var result = await PurgeAsync();
        Assert.True(result.DocumentsPurged >= 1 && result.LettersPurged >= 1);

        // The ciphertext is gone from the database itself; the tombstone keeps type, hash and purge date.
        Assert.Equal(0, await RawCountAsync("""SELECT COUNT(*) FROM "DocumentContents" WHERE "DocumentId" = @id""", old.DocumentId));
        Assert.Equal(1, await RawCountAsync("""SELECT COUNT(*) FROM "DocumentContents" WHERE "DocumentId" = @id""", recent.DocumentId));
        Assert.Equal(1, await RawCountAsync("""SELECT COUNT(*) FROM "DocumentContents" WHERE "DocumentId" = @id""", open.DocumentId));
        var tombstone = await app.WithDbAsync(db => db.Documents.AsNoTracking().SingleAsync(d => d.Id == old.DocumentId));
        Assert.NotNull(tombstone.PurgedAt);
        Assert.Equal(DocumentType.DriversLicence, tombstone.Type);
        Assert.Equal(new string('a', 64), tombstone.Sha256);
        Assert.Null((await app.WithDbAsync(db => db.Documents.AsNoTracking().SingleAsync(d => d.Id == recent.DocumentId))).PurgedAt);
        Assert.Null((await app.WithDbAsync(db => db.Documents.AsNoTracking().SingleAsync(d => d.Id == open.DocumentId))).PurgedAt);

        var letters = await app.WithDbAsync(db => db.Letters.AsNoTracking().Where(l => l.RequestId == old.RequestId).ToListAsync());
        var purgedLetter = letters.Single(l => l.Id == oldLetter);
        Assert.Empty(purgedLetter.Pdf);
        Assert.NotNull(purgedLetter.PurgedAt);
        Assert.Equal(new string('b', 64), purgedLetter.Sha256);
        Assert.NotEmpty(letters.Single(l => l.Id == newLetter).Pdf);
        Assert.Equal(0, await RawCountAsync("""SELECT COUNT(*) FROM "Letters" WHERE "Id" = @id AND length("Pdf") > 0""", oldLetter));

        // One event per purged item, on the request's timeline, and the chain stays whole.
        var events = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.RequestId == old.RequestId && e.ActorId == "system").ToListAsync());
        Assert.Single(events, e => e.Action == AuditActions.DocumentPurged && e.Details!.Contains(old.DocumentId.ToString(), StringComparison.Ordinal));
        Assert.Single(events, e => e.Action == AuditActions.LetterPurged && e.Details!.Contains(oldLetter.ToString(), StringComparison.Ordinal));
        Assert.True((await AuditDatabase.VerifyAsync(app)).IsWhole);

        // Purging again finds nothing to do.
        Assert.Equal(new RetentionResult(0, 0), await PurgeAsync());

        // The member's status page lists the purged letter without a link, and its download is gone.
        using var client = app.Factory.CreateClient();
        var status = await client.GetDocumentAsync($"/requests/status?r={old.Reference}&t={old.Token}");
        Assert.Contains("保存期間が過ぎたため廃棄しました", status.Text(), StringComparison.Ordinal);
        using var download = await client.GetAsync(new Uri($"/requests/status?handler=Letter&id={oldLetter}&r={old.Reference}&t={old.Token}", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, download.StatusCode);
    }

    [Fact]
    public async Task Two_purges_at_once_purge_each_document_once()
    {
        var seeded = new List<Seeded>();
        for (var i = 0; i < 6; i++)
        {
            seeded.Add(await RequestAsync(300, 120));
        }

        await Task.WhenAll(Task.Run(PurgeAsync), Task.Run(PurgeAsync));
        foreach (var s in seeded)
        {
            Assert.Equal(0, await RawCountAsync("""SELECT COUNT(*) FROM "DocumentContents" WHERE "DocumentId" = @id""", s.DocumentId));
            var events = await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.RequestId == s.RequestId && e.Action == AuditActions.DocumentPurged));
            Assert.Equal(1, events);
        }

        Assert.True((await AuditDatabase.VerifyAsync(app)).IsWhole);
    }
}

public sealed class RetentionTestsOnSqlite(SqliteAppFixture app) : RetentionTests(app), IClassFixture<SqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class RetentionTestsOnPostgres(PostgresAppFixture app) : RetentionTests(app), IClassFixture<PostgresAppFixture>;
