using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Staff;

namespace PrivacyDesk.Web.Tests.Audit;

/// <summary>
/// /audit/verify runs the chain check in the background (issue 17): opening the page runs nothing and records nothing;
/// the auditor starts a check, the page shows its progress while it runs and its result after, with who ran it; two
/// auditors starting at once start one check; the result is recorded once in the audit trail under the auditor who
/// started it; a broken chain is shown with its first broken sequence.
/// </summary>
public abstract class AuditVerifyPageTests(AppFixture app)
{
    private AuditVerificationRunner Runner => app.Factory.Services.GetRequiredService<AuditVerificationRunner>();

    private Task<List<AuditEvent>> ChecksRecordedAsync() =>
        app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.ChainVerified).OrderBy(e => e.Sequence).ToListAsync());

    private async Task RecordAsync(int count) => await app.WithScopeAsync(async services =>
    {
        var audit = services.GetRequiredService<AuditTrail>();
        for (var i = 0; i < count; i++)
        {
            audit.Record("test.event", null, new { n = i }, actorId: $"user-{i}");
        }

        await services.GetRequiredService<PrivacyDeskDbContext>().SaveChangesAsync();
    });

    private static async Task StartAsync(StaffSession auditor)
    {
        using var response = await auditor.Client.GetAsync(new Uri("/audit/verify?handler=Start", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/audit/verify", response.Headers.Location?.OriginalString);
    }

    /// <summary>Waits for the check started last (running, or already ended) and returns it.</summary>
    private async Task<AuditVerificationRun> EndedAsync()
    {
        var (running, last) = Runner.Status;
        var run = running ?? last ?? throw new InvalidOperationException("No check was started.");
        await run.Completion.WaitAsync(TimeSpan.FromMinutes(2));
        return run;
    }

    [Fact]
    public async Task Opening_the_page_checks_nothing_and_a_started_check_shows_and_records_its_result_under_the_auditor()
    {
        await RecordAsync(5);
        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);
        await EndedIfAnyAsync();
        var before = await ChecksRecordedAsync();

        var idle = await auditor.Client.GetDocumentAsync("/audit/verify");
        Assert.NotNull(idle.QuerySelector("#verify-start"));
        Assert.Null(idle.QuerySelector("#verify-running"));
        Assert.Equal(before.Count, (await ChecksRecordedAsync()).Count);

        await StartAsync(auditor);
        var run = await EndedAsync();
        Assert.Equal(auditor.UserId, run.ActorId);
        Assert.False(run.Failed);

        var done = await auditor.Client.GetDocumentAsync("/audit/verify");
        var whole = done.QuerySelector("#verify-whole");
        Assert.NotNull(whole);
        // Every event before the check's own row (opening the page added none).
        var count = await app.WithDbAsync(db => db.AuditEvents.LongCountAsync());
        Assert.Equal(run.Result!.VerifiedCount, long.Parse(whole.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(run.Result.VerifiedCount >= 5);
        Assert.Contains(auditor.UserId, done.QuerySelector("#verified-by")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(run.Result.LastHashHex, done.QuerySelector("#last-hash")?.TextContent);
        Assert.NotNull(done.QuerySelector("#verify-start"));

        // Recorded once, under the auditor, with the result (the check's own row comes after the events it verified).
        var after = await ChecksRecordedAsync();
        var recorded = Assert.Single(after.Skip(before.Count));
        Assert.Equal(auditor.UserId, recorded.ActorId);
        Assert.Contains("Auditor", recorded.ActorRole, StringComparison.Ordinal);
        Assert.Contains("\"whole\":true", recorded.Details, StringComparison.Ordinal);
        Assert.Contains($"\"verified\":{run.Result.VerifiedCount}", recorded.Details, StringComparison.Ordinal);
        Assert.Equal(run.Result.VerifiedCount + 1, count);

        // The chain with that row in it is still whole.
        await StartAsync(auditor);
        Assert.True((await EndedAsync()).Result!.IsWhole);
    }

    [Fact]
    public async Task While_a_check_runs_the_page_answers_with_its_progress_and_two_auditors_starting_at_once_start_one_check()
    {
        await RecordAsync(5);
        using var first = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);
        using var second = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);
        await EndedIfAnyAsync();
        var before = await ChecksRecordedAsync();

        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var checks = 0;
        Runner.BeforeCheck = () =>
        {
            Interlocked.Increment(ref checks);
            return hold.Task;
        };
        try
        {
            await Task.WhenAll(StartAsync(first), StartAsync(second));
            var (running, _) = Runner.Status;
            Assert.NotNull(running);

            // Both auditors see the one check running, with who started it, and the start button is gone.
            foreach (var auditor in new[] { first, second })
            {
                var page = await auditor.Client.GetDocumentAsync("/audit/verify");
                var progress = page.QuerySelector("#verify-running");
                Assert.NotNull(progress);
                Assert.Contains(running.ActorId, page.QuerySelector("#running-by")?.TextContent, StringComparison.Ordinal);
                Assert.Null(page.QuerySelector("#verify-start"));
                Assert.NotNull(page.QuerySelector("meta[http-equiv='refresh']"));
            }

            // Pressing again while it runs starts nothing new.
            await StartAsync(second);
            Assert.Same(running, Runner.Status.Running);

            hold.SetResult();
            var run = await EndedAsync();
            Assert.Same(running, run);
            Assert.Equal(1, Volatile.Read(ref checks));
            Assert.True(run.Result!.IsWhole);
            Assert.Equal(run.Result.VerifiedCount, run.Progress.Verified);

            var recorded = Assert.Single((await ChecksRecordedAsync()).Skip(before.Count));
            Assert.Equal(running.ActorId, recorded.ActorId);
            Assert.Contains(recorded.ActorId, new[] { first.UserId, second.UserId });
        }
        finally
        {
            Runner.BeforeCheck = null;
            hold.TrySetResult();
            await EndedIfAnyAsync();
        }
    }

    [Fact]
    public async Task A_broken_chain_is_shown_with_its_first_broken_sequence_and_recorded_as_not_whole()
    {
        await RecordAsync(6);
        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);
        await EndedIfAnyAsync();
        var target = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Skip(2).FirstAsync());
        Assert.Equal(1, await AuditDatabase.TamperAsync(app.Database, """UPDATE "AuditEvents" SET "Action" = 'test.rewritten' WHERE "Sequence" = @s""", ("@s", target.Sequence)));

        await StartAsync(auditor);
        var run = await EndedAsync();
        var page = await auditor.Client.GetDocumentAsync("/audit/verify");
        var broken = page.QuerySelector("#verify-broken");
        Assert.NotNull(broken);
        Assert.Equal(target.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), broken.GetAttribute("data-sequence"));
        Assert.Equal(nameof(AuditBreakKind.ContentChanged), broken.GetAttribute("data-kind"));
        var recorded = (await ChecksRecordedAsync()).Last();
        Assert.Contains("\"whole\":false", recorded.Details, StringComparison.Ordinal);
        Assert.Contains($"\"brokenAt\":{target.Sequence}", recorded.Details, StringComparison.Ordinal);
        Assert.False(run.Failed);

        // Put back, the chain is whole again: the break was that row.
        Assert.Equal(1, await AuditDatabase.TamperAsync(app.Database, """UPDATE "AuditEvents" SET "Action" = @a WHERE "Sequence" = @s""", ("@a", target.Action), ("@s", target.Sequence)));
        await StartAsync(auditor);
        Assert.True((await EndedAsync()).Result!.IsWhole);
    }

    private async Task EndedIfAnyAsync()
    {
        if (Runner.Status.Running is { } running)
        {
            await running.Completion.WaitAsync(TimeSpan.FromMinutes(2));
        }
    }
}

public sealed class AuditVerifyPageTestsOnSqlite(StaffSqliteAppFixture app) : AuditVerifyPageTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class AuditVerifyPageTestsOnPostgres(StaffPostgresAppFixture app) : AuditVerifyPageTests(app), IClassFixture<StaffPostgresAppFixture>;
