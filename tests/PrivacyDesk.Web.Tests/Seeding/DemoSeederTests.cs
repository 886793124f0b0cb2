using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Tools.Seeding;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Seeding;

/// <summary>
/// seed-demo writes with plain ADO.NET (bulk INSERT / binary COPY), bypassing EF. These tests run the admin command on
/// each provider, load everything back through EF and check that the rows are what the domain would have stored:
/// status histories the machine allows, the stored deadline equal to the clock's, fees, decisions and documents by the
/// rules, unique reference numbers and a counter that the next real filing continues from.
/// </summary>
public abstract partial class DemoSeederTests(AppFixture app)
{
    private const int Count = 800;

    [Fact]
    public async Task Seeded_requests_load_through_ef_and_obey_the_domain_rules()
    {
        var exit = await app.WithScopeAndReturnAsync(services =>
            PrivacyDesk.Tools.ToolCommands.Commands.Single(c => c.Name == "seed-demo").ExecuteAsync(services, ["--requests", Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "7"], CancellationToken.None));
        Assert.Equal(0, exit);
        var now = DateTimeOffset.UtcNow;

        var requests = await app.WithDbAsync(db => db.Requests.AsNoTracking().AsSplitQuery()
            .Include(r => r.Principal).Include(r => r.Agent).Include(r => r.StatusHistory).Include(r => r.Documents)
            .Include(r => r.Payments).Include(r => r.Decision).ThenInclude(d => d!.Outcomes)
            .ToListAsync());
        Assert.Equal(Count, requests.Count);

        var feePolicy = app.Factory.Services.GetRequiredService<FeePolicy>();
        foreach (var request in requests)
        {
            AssertHistoryFollowsTheStatusMachine(request, now);
            AssertDeadlineIsTheClocks(request, now);
            AssertFeeRules(request, feePolicy);
            AssertDecisionRules(request);
            Assert.Empty(DocumentRequirements.Missing(request.RequesterType, request.Documents.Select(d => new ProvidedDocument(d.Role, d.Type))));
            Assert.Equal(request.RequesterType != RequesterType.Principal, request.Agent is not null);
            Assert.Equal(JapaneseText.SearchKey(request.Principal.FullNameKana), request.Principal.SearchKana);
            Assert.InRange(request.ReceivedAt, now.AddDays(-DemoSeeder.SpanDays - 1), now);
        }

        // Everything the queue and the request page must show is there: every status, family, kind, requester type,
        // channel, outcome and payment method; refunds, purged and kept documents, assigned and overdue requests.
        Assert.Equal(Enum.GetValues<RequestStatus>().Order(), requests.Select(r => r.Status).Distinct().Order());
        Assert.Equal(Enum.GetValues<RequestKind>().Order(), requests.SelectMany(r => r.Kinds).Distinct().Order());
        Assert.Equal(Enum.GetValues<RequesterType>().Order(), requests.Select(r => r.RequesterType).Distinct().Order());
        Assert.Equal(Enum.GetValues<Channel>().Order(), requests.Select(r => r.Channel).Distinct().Order());
        Assert.Equal(Enum.GetValues<KindOutcome>().Order(), requests.Where(r => r.Decision is not null).SelectMany(r => r.Decision!.Outcomes).Select(o => o.Outcome).Distinct().Order());
        Assert.Equal(Enum.GetValues<PaymentMethod>().Order(), requests.SelectMany(r => r.Payments).Select(p => p.Method).Distinct().Order());
        Assert.Contains(requests, r => r.Payments.Any(p => p.AmountYen < 0));
        Assert.Contains(requests, r => r.Documents.Any(d => d.IsPurged));
        Assert.Contains(requests, r => r.IsOpen && r.AssignedTo is not null);
        Assert.Contains(requests, r => r.IsOpen && r.DueAt < now && !RequestStatusMachine.HasAnswered(r.Status));
        Assert.InRange(requests.Max(r => r.ReceivedAt) - requests.Min(r => r.ReceivedAt), TimeSpan.FromDays(600), TimeSpan.FromDays(DemoSeeder.SpanDays));

        await AssertDocumentContentsOpenForKeptDocumentsOnly(requests);
        await AssertReferenceNumbersAreUniqueAndTheNextFilingFollowsOn(requests, now);

        var notes = await app.WithDbAsync(db => db.Set<RequestNote>().AsNoTracking().ToListAsync());
        Assert.NotEmpty(notes);
        Assert.All(notes, n => Assert.Contains(requests, r => r.Id == n.RequestId && n.At >= r.CreatedAt));

        var events = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == "demo.seeded").ToListAsync());
        Assert.Equal($"{{\"count\":{Count}}}", Assert.Single(events).Details);
    }

    private static void AssertHistoryFollowsTheStatusMachine(PrivacyRequest request, DateTimeOffset now)
    {
        var history = request.StatusHistory.OrderBy(c => c.At).ThenBy(c => c.Id).ToList();
        Assert.Null(history[0].From);
        Assert.Equal(RequestStatus.Received, history[0].To);
        Assert.Equal(request.ReceivedAt, history[0].At);
        for (var i = 1; i < history.Count; i++)
        {
            Assert.Equal(history[i - 1].To, history[i].From);
            Assert.True(RequestStatusMachine.CanTransition(history[i].From!.Value, history[i].To), $"{request.ReferenceNumber}: {history[i].From} → {history[i].To}");
        }

        Assert.Equal(history[^1].To, request.Status);
        Assert.True(history[^1].At <= now);
        Assert.Equal(!RequestStatusMachine.IsTerminal(request.Status), request.IsOpen);
        Assert.Equal(request.Status is RequestStatus.Closed or RequestStatus.Withdrawn or RequestStatus.Rejected, request.ClosedAt is not null);
    }

    private static void AssertDeadlineIsTheClocks(PrivacyRequest request, DateTimeOffset now)
    {
        var clock = new DeadlineClock(request.ResponseTargetDays);
        var state = clock.Evaluate(request.ReceivedAt, request.StatusHistory, now);
        Assert.Equal(state.IsPaused, request.DueAt is null);
        if (request.DueAt is { } dueAt)
        {
            Assert.Equal(state.DueDate, JapaneseText.JstDate(dueAt));
        }

        // And the stored value is exactly the clock folded over the history, as the domain keeps it.
        var progress = DeadlineProgress.Start;
        var status = RequestStatus.Received;
        foreach (var change in request.StatusHistory.OrderBy(c => c.At).ThenBy(c => c.Id).Skip(1))
        {
            progress = DeadlineClock.Advance(progress, request.ReceivedAt, status, change.To, change.At);
            status = change.To;
        }

        Assert.Equal(clock.DueAt(request.ReceivedAt, progress), request.DueAt);
        Assert.Equal(progress.PausedSince, request.ClockPausedSince);
        Assert.Equal(progress.Paused, request.PausedTotal);
        Assert.Equal(progress.CompletedAt, request.CompletedAt);
    }

    private static void AssertFeeRules(PrivacyRequest request, FeePolicy feePolicy)
    {
        Assert.Equal(feePolicy.AmountDueYen(request.Family), request.FeeDueYen);
        if (request.Family != RequestFamily.Disclosure)
        {
            Assert.Empty(request.Payments);
        }

        Assert.InRange(request.FeePaidYen, 0, 2 * request.FeeDueYen);
        if (request.Status is RequestStatus.InReview or RequestStatus.Decided or RequestStatus.Closed)
        {
            Assert.True(request.IsFeeSettled, $"{request.ReferenceNumber} is {request.Status} without its fee");
        }

        if (request.Status is RequestStatus.Closed)
        {
            // Double transfers are refunded once the decision is out.
            Assert.Equal(request.FeeDueYen, request.FeePaidYen);
        }
    }

    private static void AssertDecisionRules(PrivacyRequest request)
    {
        Assert.Equal(request.Status is RequestStatus.Decided or RequestStatus.Closed, request.Decision is not null);
        if (request.Decision is { } decision)
        {
            DecisionRules.EnsureCovers(decision, request.Kinds);
            Assert.All(decision.Outcomes, o => Assert.Equal(DecisionRules.DisclosesContent(o.Kind, o.Outcome), o.Content is not null && o.Kind != PrivacyDesk.Domain.Requests.RequestKind.PurposeOfUseNotice));
            if (request.Status == RequestStatus.Closed)
            {
                // Four-eyes: closed only once another person approved the decision.
                Assert.True(decision.IsApproved);
                Assert.NotEqual(decision.DecidedBy, decision.ApprovedBy);
            }

            foreach (var outcome in decision.Outcomes)
            {
                DecisionRules.Validate(outcome);
            }
        }
    }

    private async Task AssertDocumentContentsOpenForKeptDocumentsOnly(List<PrivacyRequest> requests)
    {
        var vault = app.Factory.Services.GetRequiredService<DocumentVault>();
        var contents = await app.WithDbAsync(db => db.DocumentContents.AsNoTracking().ToDictionaryAsync(c => c.DocumentId));
        var documents = requests.SelectMany(r => r.Documents).ToList();
        Assert.Equal(documents.Where(d => !d.IsPurged).Select(d => d.Id).Order(), contents.Keys.Order());
        foreach (var document in documents.Where(d => !d.IsPurged).Take(50))
        {
            var bytes = vault.Open(contents[document.Id]);
            Assert.Equal(document.SizeBytes, bytes.Length);
            Assert.Equal(document.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        }
    }

    private async Task AssertReferenceNumbersAreUniqueAndTheNextFilingFollowsOn(List<PrivacyRequest> requests, DateTimeOffset now)
    {
        Assert.Equal(requests.Count, requests.Select(r => r.ReferenceNumber).Distinct().Count());
        Assert.All(requests, r => Assert.Matches(ReferencePattern(), r.ReferenceNumber));
        Assert.All(requests, r => Assert.StartsWith($"PD-{JapaneseText.JstDate(r.ReceivedAt).Year}-", r.ReferenceNumber, StringComparison.Ordinal));

        var next = await app.WithDbAsync(db => new ReferenceNumberAllocator(db).NextAsync(now));
        Assert.DoesNotContain(next, requests.Select(r => r.ReferenceNumber));
        var lastThisYear = requests.Where(r => JapaneseText.JstDate(r.ReceivedAt).Year == JapaneseText.JstDate(now).Year)
            .Select(r => long.Parse(r.ReferenceNumber[8..], System.Globalization.CultureInfo.InvariantCulture)).Max();
        Assert.Equal(ReferenceNumber.Format(JapaneseText.JstDate(now).Year, lastThisYear + 1), next);
    }

    [GeneratedRegex(@"^PD-\d{4}-\d{6}$")]
    private static partial Regex ReferencePattern();
}

public sealed class DemoSeederTestsOnSqlite(SqliteAppFixture app) : DemoSeederTests(app), IClassFixture<SqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class DemoSeederTestsOnPostgres(PostgresAppFixture app) : DemoSeederTests(app), IClassFixture<PostgresAppFixture>;
