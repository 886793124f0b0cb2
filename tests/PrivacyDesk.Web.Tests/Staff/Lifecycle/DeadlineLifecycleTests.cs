using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Letters;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Requests;
using static PrivacyDesk.Web.Tests.Staff.Requests.BackOffice;

namespace PrivacyDesk.Web.Tests.Staff.Lifecycle;

/// <summary>
/// Issue 14 item 3 over real HTTP: the deadline counts from receipt until the answer goes out (ADR 0016). A decision
/// waiting for approval is its own stage in the queue, the dashboard and the detail page, keeps counting and goes
/// overdue; the result letter stops the clock. Staff extend the deadline with a reason and the member gets a delay
/// notice (letter and mail); bad input changes nothing.
/// </summary>
public abstract class DeadlineLifecycleTests(AppFixture app)
{
    /// <summary>Files a correction (no fee) with the member's email address; returns id, reference and status code.</summary>
    private async Task<(Guid Id, string Reference, string Token)> FileAsync()
    {
        using var client = app.Factory.CreateBrowserClient();
        var receipt = await new MemberSession(client).FileAsync(RequestFamily.Correction, Domain.People.RequesterType.Principal);
        var reference = receipt.QuerySelector("#reference-number")!.TextContent.Trim();
        var token = receipt.QuerySelector("#access-token")!.TextContent.Trim();
        var id = await app.WithDbAsync(db => db.Requests.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
        return (id, reference, token);
    }

    /// <summary>
    /// Moves every instant of the request <paramref name="days"/> into the past: the same as that much time passing
    /// (the deadline is relative to receipt), without a clock that the staff sign-in would also see.
    /// </summary>
    private Task<int> AgeAsync(Guid id, int days) => app.WithDbAsync(async db =>
    {
        var shift = TimeSpan.FromDays(days);
        var request = await db.Requests.Include(r => r.StatusHistory).Include(r => r.Decision).SingleAsync(r => r.Id == id);
        var entry = db.Entry(request);
        entry.Property(r => r.ReceivedAt).CurrentValue = request.ReceivedAt - shift;
        entry.Property(r => r.CreatedAt).CurrentValue = request.CreatedAt - shift;
        entry.Property(r => r.DueAt).CurrentValue = request.DueAt - shift;
        entry.Property(r => r.CompletedAt).CurrentValue = request.CompletedAt - shift;
        foreach (var change in request.StatusHistory)
        {
            db.Entry(change).Property(c => c.At).CurrentValue = change.At - shift;
        }

        if (request.Decision is { } decision)
        {
            db.Entry(decision).Property(d => d.DecidedAt).CurrentValue = decision.DecidedAt - shift;
        }

        return await db.SaveChangesAsync();
    });

    private Task<PrivacyRequest> LoadAsync(Guid id) => app.WithDbAsync(db => db.Requests.AsNoTracking()
        .Include(r => r.StatusHistory).Include(r => r.Decision).SingleAsync(r => r.Id == id));

    [Fact]
    public async Task A_decision_awaiting_approval_keeps_counting_goes_overdue_and_the_letter_stops_the_clock()
    {
        var (id, reference, _) = await FileAsync();
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        using var supervisor = await StaffSignIn.SignInAsync(app, StaffRoles.Supervisor);
        Redirected(await AcceptIdentityAsync(staff.Client, id));
        Redirected(await DecideAsync(staff.Client, id, _ => [("Outcome", "Done"), ("Detail", "住所を「東京都新宿区新宿6-24-20」に訂正しました。")]));
        Assert.Equal(RequestStatus.Decided, await StatusAsync(app, id));

        // Three weeks later the decision still waits for approval: not answered, overdue by a week.
        await AgeAsync(id, 21);
        var waiting = await LoadAsync(id);
        Assert.True(waiting.IsAwaitingApproval);
        Assert.True(waiting.DeadlineAt(DateTimeOffset.UtcNow).IsOverdue);

        var queue = await staff.Client.GetDocumentAsync("/staff/queue?approval=true&overdue=true");
        var row = queue.QuerySelector($"tr[data-reference='{reference}']");
        Assert.NotNull(row);
        Assert.Contains("pd-row--overdue", row.ClassName, StringComparison.Ordinal);
        Assert.Equal("承認待ち", row.QuerySelector("[data-stage='awaiting-approval']")!.TextContent.Trim());
        Assert.Contains("日超過", row.QuerySelector(".pd-due")!.TextContent, StringComparison.Ordinal);

        // The approval filter lists only decisions awaiting approval.
        var notDecided = await FileAsync();
        var approvalOnly = await staff.Client.GetDocumentAsync("/staff/queue?approval=true");
        Assert.NotNull(approvalOnly.QuerySelector($"tr[data-reference='{reference}']"));
        Assert.Null(approvalOnly.QuerySelector($"tr[data-reference='{notDecided.Reference}']"));

        var dashboard = await staff.Client.GetDocumentAsync("/staff/dashboard");
        var overdueRow = dashboard.QuerySelector($"#overdue tr[data-reference='{reference}']");
        Assert.NotNull(overdueRow);
        Assert.Contains("承認待ち", overdueRow.TextContent, StringComparison.Ordinal);
        Assert.NotEqual("0件", dashboard.QuerySelector("#awaiting-approval-count")!.TextContent.Trim());

        var detail = await staff.Client.GetDocumentAsync($"/staff/requests/{id}");
        Assert.Equal("承認待ち", detail.QuerySelector("#status")!.TextContent.Trim());
        Assert.Contains("日超過", detail.QuerySelector("#deadline")!.TextContent, StringComparison.Ordinal);

        // Approved: still counting until the letter.
        Redirected(await ApproveAsync(supervisor.Client, id));
        detail = await staff.Client.GetDocumentAsync($"/staff/requests/{id}");
        Assert.Equal("承認済み・通知書発行待ち", detail.QuerySelector("#status")!.TextContent.Trim());
        Assert.Contains("日超過", detail.QuerySelector("#deadline")!.TextContent, StringComparison.Ordinal);

        // The result letter closes the request and stops the clock: answered late, no longer overdue anywhere.
        await IssueResultLettersAsync(app, staff.Client, id);
        Assert.Equal(RequestStatus.Closed, await StatusAsync(app, id));
        var closed = await LoadAsync(id);
        var state = closed.DeadlineAt(DateTimeOffset.UtcNow.AddDays(30));
        Assert.Equal(closed.ClosedAt, state.AnsweredAt);
        Assert.True(state.AnsweredLate);
        Assert.False(state.IsOverdue);
        detail = await staff.Client.GetDocumentAsync($"/staff/requests/{id}");
        Assert.Contains("回答済み", detail.QuerySelector("#deadline")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("期限後に回答", detail.QuerySelector("#deadline")!.TextContent, StringComparison.Ordinal);
        var overdueQueue = await staff.Client.GetDocumentAsync("/staff/queue?overdue=true&ended=true");
        Assert.Null(overdueQueue.QuerySelector($"tr[data-reference='{reference}']"));
    }

    [Fact]
    public async Task Staff_extend_the_deadline_with_a_reason_and_the_member_gets_a_delay_notice_by_letter_and_mail()
    {
        var (id, reference, token) = await FileAsync();
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        Redirected(await AcceptIdentityAsync(staff.Client, id));
        var before = await LoadAsync(id);
        var currentDue = JapaneseText.JstDate(before.DueAt!.Value);
        var newDue = currentDue.AddDays(10);

        var page = await staff.Client.GetDocumentAsync($"/staff/requests/{id}/deadline");
        Assert.Contains(JapaneseText.ToWareki(currentDue), page.QuerySelector("#current-due")!.TextContent, StringComparison.Ordinal);

        // No reason, then a date that is not later: each refused with a Japanese message, and nothing changes.
        var version = await VersionAsync(app, id);
        using (var noReason = await PostAsync(staff.Client, $"/staff/requests/{id}/deadline", page, "#extend-form",
                   [F("Extend.NewDueDate", newDue.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), F("Extend.Reason", "  ")]))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
            Assert.Contains("延長する理由を入力してください", (await Html.ParseAsync(noReason)).Body!.TextContent, StringComparison.Ordinal);
        }

        using (var notLater = await PostAsync(staff.Client, $"/staff/requests/{id}/deadline", page, "#extend-form",
                   [F("Extend.NewDueDate", currentDue.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), F("Extend.Reason", "調査のため")]))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, notLater.StatusCode);
            Assert.Contains("現在の期限", (await Html.ParseAsync(notLater)).Body!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(version, await VersionAsync(app, id));
        Assert.Equal(0, await app.WithDbAsync(db => db.Letters.CountAsync(l => l.RequestId == id && l.Kind == "delay-notice")));
        Assert.DoesNotContain(AuditActions.DeadlineExtended, await ActionsAsync(app, id));

        // A valid extension: the date moves, the letter is stored with its hash, the mail names the new date.
        const string Reason = "関係する会員生協への確認に時間を要しているため。";
        Redirected(await PostAsync(staff.Client, $"/staff/requests/{id}/deadline", page, "#extend-form",
            [F("Extend.NewDueDate", newDue.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), F("Extend.Reason", Reason)]),
            $"/staff/requests/{id}");
        var after = await LoadAsync(id);
        Assert.Equal(newDue, after.DeadlineExtendedTo);
        Assert.Equal(10, after.DeadlineExtensionDays);
        Assert.Equal(Reason, after.DeadlineExtensionReason);
        Assert.Equal(before.DueAt!.Value.AddDays(10), after.DueAt);
        Assert.Contains(AuditActions.DeadlineExtended, await ActionsAsync(app, id));

        var letter = await app.WithDbAsync(db => db.Letters.SingleAsync(l => l.RequestId == id && l.Kind == "delay-notice"));
        var pdf = await app.WithScopeAndReturnAsync(sp => Task.FromResult(sp.GetRequiredService<LetterSealing>().Open(letter)));
        Assert.Equal(letter.Sha256, Convert.ToHexStringLower(SHA256.HashData(pdf)));
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));

        var mail = await app.WithDbAsync(db => db.Outbox.Where(m => m.RequestId == id && m.Subject.Contains("回答予定日変更")).ToListAsync());
        var message = Assert.Single(mail);
        var body = app.OpenBody(message); // sealed at rest
        Assert.Contains(JapaneseText.ToWareki(newDue), body, StringComparison.Ordinal);
        Assert.DoesNotContain(Reason, body, StringComparison.Ordinal);

        // The member's status page shows the new date, the reason and the letter.
        using var member = app.Factory.CreateBrowserClient();
        var status = await member.GetDocumentAsync($"/requests/status?r={reference}&t={Uri.EscapeDataString(token)}");
        Assert.Contains(JapaneseText.ToWareki(newDue), status.QuerySelector("#deadline")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Reason, status.QuerySelector("#deadline-extended")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("回答期限延長のお知らせ", status.Body!.TextContent, StringComparison.Ordinal);

        // The staff page shows it too; an auditor may not extend.
        var detail = await staff.Client.GetDocumentAsync($"/staff/requests/{id}");
        Assert.Contains(Reason, detail.QuerySelector("#extension")!.TextContent, StringComparison.Ordinal);
        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);
        using var refused = await auditor.Client.GetAsync(new Uri($"/staff/requests/{id}/deadline", UriKind.Relative));
        Assert.Contains("access-denied", StaffSignIn.Location(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_waiting_for_the_member_cannot_be_extended()
    {
        using var client = app.Factory.CreateBrowserClient();
        var receipt = await new MemberSession(client).FileAsync(RequestFamily.Disclosure, Domain.People.RequesterType.Principal);
        var reference = receipt.QuerySelector("#reference-number")!.TextContent.Trim();
        var id = await app.WithDbAsync(db => db.Requests.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        Redirected(await AcceptIdentityAsync(staff.Client, id));
        Assert.Equal(RequestStatus.AwaitingFee, await StatusAsync(app, id));

        var page = await staff.Client.GetDocumentAsync($"/staff/requests/{id}/deadline");
        Assert.NotNull(page.QuerySelector("#cannot-extend"));
        Assert.Null(page.QuerySelector("#extend-form"));
    }
}

public sealed class DeadlineLifecycleTestsOnSqlite(StaffSqliteAppFixture app) : DeadlineLifecycleTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class DeadlineLifecycleTestsOnPostgres(StaffPostgresAppFixture app) : DeadlineLifecycleTests(app), IClassFixture<StaffPostgresAppFixture>;
