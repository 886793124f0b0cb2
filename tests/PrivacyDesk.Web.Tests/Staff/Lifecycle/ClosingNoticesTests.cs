using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PrivacyDesk.Domain.Closing;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Closing;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Letters;
using PrivacyDesk.Web.Pages.Staff.Letters;
using PrivacyDesk.Web.Retention;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Requests;
using static PrivacyDesk.Web.Tests.Staff.Requests.BackOffice;

namespace PrivacyDesk.Web.Tests.Staff.Lifecycle;

/// <summary>
/// Issue 14 items 4 and 6 over real HTTP (ADR 0023): a rejection with its 却下通知書; the member's withdrawal with a
/// confirmation step (a replayed or stale form withdraws nothing twice) and staff recording one received by phone;
/// reminder → reminder → abandoned under a fake clock, then the ID copies purged at retention counted from that
/// close; two reminder runs at once sending one reminder. Each notice is a letter stored with its SHA-256 (its text
/// read with pdftotext) and a mail through the outbox.
/// </summary>
public abstract class ClosingNoticesTests(AppFixture app)
{
    private async Task<(Guid Id, string Reference, string Token)> FileAsync(RequestFamily family = RequestFamily.Correction)
    {
        using var client = app.Factory.CreateBrowserClient();
        var receipt = await new MemberSession(client).FileAsync(family, Domain.People.RequesterType.Principal);
        var reference = receipt.QuerySelector("#reference-number")!.TextContent.Trim();
        var token = receipt.QuerySelector("#access-token")!.TextContent.Trim();
        var id = await app.WithDbAsync(db => db.Requests.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
        return (id, reference, token);
    }

    private Task<PrivacyRequest> LoadAsync(Guid id) => app.WithDbAsync(db => db.Requests.AsNoTracking()
        .Include(r => r.StatusHistory).SingleAsync(r => r.Id == id));

    private Task<List<IssuedLetter>> LettersAsync(Guid id, string kind) =>
        app.WithDbAsync(db => db.Letters.AsNoTracking().Where(l => l.RequestId == id && l.Kind == kind).ToListAsync());

    private Task<List<PrivacyDesk.Web.Mail.OutboxMessage>> MailsAsync(Guid id, string subjectPart) =>
        app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.RequestId == id && m.Subject.Contains(subjectPart)).ToListAsync());

    /// <summary>The stored letter opened, its hash checked, and its text as pdftotext gives it (whitespace removed).</summary>
    private async Task<string> LetterTextAsync(IssuedLetter letter)
    {
        var pdf = await app.WithScopeAndReturnAsync(sp => Task.FromResult(sp.GetRequiredService<LetterSealing>().Open(letter)));
        Assert.Equal(letter.Sha256, Convert.ToHexStringLower(SHA256.HashData(pdf)));
        var path = Path.Combine(Path.GetTempPath(), $"pd-letter-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Posts a form with one of its hidden fields replaced (model binding would take the first of two values).</summary>
    private static async Task<HttpResponseMessage> PostReplacingAsync(
        HttpClient client, string url, AngleSharp.Dom.IDocument page, string formSelector, string name, string value)
    {
        var values = page.QuerySelector(formSelector)!.QuerySelectorAll("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("name") == name ? value : i.GetAttribute("value") ?? string.Empty))
            .ToList();
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    private static string Compact(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    [Fact]
    public async Task Staff_reject_with_a_ground_and_reason_and_the_member_gets_the_rejection_notice_by_letter_and_mail()
    {
        var (id, reference, token) = await FileAsync();
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var page = await staff.Client.GetDocumentAsync($"/staff/requests/{id}/close");
        var version = await VersionAsync(app, id);

        // No ground and no reason: refused in Japanese, nothing changes.
        using (var empty = await PostAsync(staff.Client, $"/staff/requests/{id}/close?handler=Reject", page, "#reject-form", [F("Reject.Reason", " ")]))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
            var text = (await Html.ParseAsync(empty)).Body!.TextContent;
            Assert.Contains("却下の理由の区分を選んでください", text, StringComparison.Ordinal);
            Assert.Contains("却下の理由の詳細を入力してください", text, StringComparison.Ordinal);
        }

        // The worker's own ground cannot be posted by hand.
        using (var abandoned = await PostAsync(staff.Client, $"/staff/requests/{id}/close?handler=Reject", page, "#reject-form",
                   [F("Reject.Ground", nameof(RejectionGround.Abandoned)), F("Reject.Reason", "連絡がないため")]))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, abandoned.StatusCode);
        }

        Assert.Equal(version, await VersionAsync(app, id));
        Assert.Equal(RequestStatus.Received, await StatusAsync(app, id));
        Assert.Empty(await LettersAsync(id, "rejection-notice"));

        const string Reason = "お申し出の内容は配送時の対応に関する苦情であり、保有個人データの開示等の請求ではありません。苦情として担当部署にお伝えしました。";
        Redirected(await PostAsync(staff.Client, $"/staff/requests/{id}/close?handler=Reject", page, "#reject-form",
            [F("Reject.Ground", nameof(RejectionGround.NotARequestUnderTheAct)), F("Reject.Reason", Reason)]), $"/staff/requests/{id}");

        var rejected = await LoadAsync(id);
        Assert.Equal(RequestStatus.Rejected, rejected.Status);
        Assert.Equal(RejectionGround.NotARequestUnderTheAct, rejected.RejectionGround);
        Assert.NotNull(rejected.DeadlineAt(DateTimeOffset.UtcNow.AddDays(60)).AnsweredAt); // the clock stopped with the notice
        var actions = await ActionsAsync(app, id);
        Assert.Contains(AuditActions.Rejected, actions);
        Assert.Contains(AuditActions.LetterIssued, actions);

        var letter = Assert.Single(await LettersAsync(id, "rejection-notice"));
        var pdf = await LetterTextAsync(letter);
        Assert.Contains("請求却下通知書", pdf, StringComparison.Ordinal);
        Assert.Contains(reference, pdf, StringComparison.Ordinal);
        Assert.Contains("却下の理由個人情報保護法に基づく請求に当たらないため", pdf, StringComparison.Ordinal);
        Assert.Contains(Compact(Reason), pdf, StringComparison.Ordinal);
        Assert.True(pdf.IndexOf("記受付番号", StringComparison.Ordinal) < pdf.IndexOf("以上", StringComparison.Ordinal));
        Assert.Contains(JapaneseText.ToWareki(JapaneseText.JstDate(DateTimeOffset.UtcNow)), pdf, StringComparison.Ordinal);
        Assert.Contains("苦情等のご相談窓口", pdf, StringComparison.Ordinal);

        var mail = Assert.Single(await MailsAsync(id, "請求却下通知書"));
        var body = app.OpenBody(mail);
        Assert.Contains("ご請求に応じることができませんでした", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Reason, body, StringComparison.Ordinal); // the reason is in the letter, not the mail

        // The member's status page offers the notice; the closing page offers nothing more to do.
        using var member = app.Factory.CreateBrowserClient();
        var status = await member.GetDocumentAsync($"/requests/status?r={reference}&t={Uri.EscapeDataString(token)}");
        Assert.Contains("請求却下通知書", status.QuerySelector("#letters")!.TextContent, StringComparison.Ordinal);
        Assert.Null(status.QuerySelector("#withdraw-form"));
        var closed = await staff.Client.GetDocumentAsync($"/staff/requests/{id}/close");
        Assert.NotNull(closed.QuerySelector("#cannot-close"));

        // The same form posted again (replay) changes nothing and issues no second notice.
        using (var replay = await PostAsync(staff.Client, $"/staff/requests/{id}/close?handler=Reject", page, "#reject-form",
                   [F("Reject.Ground", nameof(RejectionGround.NotARequestUnderTheAct)), F("Reject.Reason", Reason)]))
        {
            Assert.NotEqual(HttpStatusCode.Redirect, replay.StatusCode);
        }

        Assert.Single(await LettersAsync(id, "rejection-notice"));
        Assert.Single(await ActionsAsync(app, id), a => a == AuditActions.Rejected);
    }

    [Fact]
    public async Task A_member_withdraws_after_confirming_and_gets_the_confirmation_and_a_replayed_form_withdraws_nothing_twice()
    {
        var (id, reference, token) = await FileAsync();
        using var member = app.Factory.CreateBrowserClient();
        var status = await member.GetDocumentAsync($"/requests/status?r={reference}&t={Uri.EscapeDataString(token)}");
        Assert.NotNull(status.QuerySelector("#withdraw-form"));

        // Step 1 asks to confirm and changes nothing.
        using var asked = await PostAsync(member, "/requests/status?handler=Withdraw", status, "#withdraw-form", []);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirm = await Html.ParseAsync(asked);
        Assert.Contains("このご請求を取り下げますか", confirm.QuerySelector("#withdraw-confirm")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Received, await StatusAsync(app, id));

        // A wrong status code withdraws nothing.
        using (var wrong = await PostReplacingAsync(member, "/requests/status?handler=WithdrawConfirm", confirm, "#withdraw-confirm-form",
                   "t", "AAAA-BBBB-CCCC-DDDD-EEEE"))
        {
            Assert.NotNull((await Html.ParseAsync(wrong)).QuerySelector("#error-summary"));
        }

        Assert.Equal(RequestStatus.Received, await StatusAsync(app, id));

        // Step 2: withdrawn, with the confirmation letter and mail.
        using var done = await PostAsync(member, "/requests/status?handler=WithdrawConfirm", confirm, "#withdraw-confirm-form",
            [F("WithdrawReason", "別の方法で確認できたため。")]);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var after = await Html.ParseAsync(done);
        Assert.NotNull(after.QuerySelector("#withdrawn-done"));
        Assert.Contains("請求取下げの確認書", after.QuerySelector("#letters")!.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("#withdraw-form"));

        var withdrawn = await LoadAsync(id);
        Assert.Equal(RequestStatus.Withdrawn, withdrawn.Status);
        Assert.Equal(PrivacyRequest.MemberActor, withdrawn.StatusHistory[^1].Actor);
        Assert.NotNull(withdrawn.ClosedAt);
        var letter = Assert.Single(await LettersAsync(id, "withdrawal-confirmation"));
        Assert.Equal(PrivacyRequest.MemberActor, letter.IssuedBy);
        var pdf = await LetterTextAsync(letter);
        Assert.Contains("請求取下げの確認書", pdf, StringComparison.Ordinal);
        Assert.Contains("状況確認ページからのお手続き", pdf, StringComparison.Ordinal);
        Assert.Contains("別の方法で確認できたため。", pdf, StringComparison.Ordinal);
        Assert.Contains("以上", pdf, StringComparison.Ordinal);
        Assert.Single(await MailsAsync(id, "請求取下げの確認書"));
        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.RequestId == id && e.Action == AuditActions.Withdrawn).Select(e => e.ActorId).ToListAsync());
        Assert.Equal(PrivacyRequest.MemberActor, Assert.Single(events));

        // The confirm form replayed: refused with a message, nothing withdrawn or issued again.
        using var replay = await PostAsync(member, "/requests/status?handler=WithdrawConfirm", confirm, "#withdraw-confirm-form", []);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Contains("既に終了", (await Html.ParseAsync(replay)).QuerySelector("#withdraw-error")!.TextContent, StringComparison.Ordinal);
        Assert.Single(await LettersAsync(id, "withdrawal-confirmation"));
        Assert.Single(await MailsAsync(id, "請求取下げの確認書"));
        Assert.Single(await ActionsAsync(app, id), a => a == AuditActions.Withdrawn);
    }

    [Fact]
    public async Task A_stale_confirmation_after_a_change_by_staff_withdraws_nothing_and_a_decided_request_offers_no_withdrawal()
    {
        var (id, reference, token) = await FileAsync();
        using var member = app.Factory.CreateBrowserClient();
        var status = await member.GetDocumentAsync($"/requests/status?r={reference}&t={Uri.EscapeDataString(token)}");
        using var asked = await PostAsync(member, "/requests/status?handler=Withdraw", status, "#withdraw-form", []);
        var confirm = await Html.ParseAsync(asked);

        // Staff accept the ID in between: the member's confirmation is for a version that is gone.
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        Redirected(await AcceptIdentityAsync(staff.Client, id));
        using var stale = await PostAsync(member, "/requests/status?handler=WithdrawConfirm", confirm, "#withdraw-confirm-form", []);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("状況が変わりました", (await Html.ParseAsync(stale)).QuerySelector("#withdraw-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.InReview, await StatusAsync(app, id));
        Assert.Empty(await LettersAsync(id, "withdrawal-confirmation"));

        // Once decided, the status page offers no withdrawal, and a forged step 1 asks nothing.
        Redirected(await DecideAsync(staff.Client, id, _ => [("Outcome", "Done"), ("Detail", "住所を訂正しました。")]));
        status = await member.GetDocumentAsync($"/requests/status?r={reference}&t={Uri.EscapeDataString(token)}");
        Assert.Null(status.QuerySelector("#withdraw-form"));
        using var forged = await PostAsync(member, "/requests/status?handler=Withdraw", confirm, "#withdraw-cancel-form", []);
        Assert.Null((await Html.ParseAsync(forged)).QuerySelector("#withdraw-confirm"));
        Assert.Equal(RequestStatus.Decided, await StatusAsync(app, id));
    }

    [Fact]
    public async Task Staff_record_a_withdrawal_received_by_phone_and_the_member_gets_the_confirmation()
    {
        var (id, _, _) = await FileAsync();
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var page = await staff.Client.GetDocumentAsync($"/staff/requests/{id}/close");
        using (var noChannel = await PostAsync(staff.Client, $"/staff/requests/{id}/close?handler=Withdraw", page, "#withdraw-form", []))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, noChannel.StatusCode);
            Assert.Contains("取下げのお申し出を受けた方法を選んでください", (await Html.ParseAsync(noChannel)).Body!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(RequestStatus.Received, await StatusAsync(app, id));
        Redirected(await PostAsync(staff.Client, $"/staff/requests/{id}/close?handler=Withdraw", page, "#withdraw-form",
            [F("Withdraw.Channel", "Phone"), F("Withdraw.Note", "ご本人から、請求は不要になったとのお電話。")]), $"/staff/requests/{id}");

        Assert.Equal(RequestStatus.Withdrawn, await StatusAsync(app, id));
        var letter = Assert.Single(await LettersAsync(id, "withdrawal-confirmation"));
        var pdf = await LetterTextAsync(letter);
        Assert.Contains("お電話又は書面によるお申し出（当会にて記録）", pdf, StringComparison.Ordinal);
        Assert.Contains("電話による取下げのお申し出：ご本人から、請求は不要になったとのお電話。", pdf, StringComparison.Ordinal);
        Assert.Single(await MailsAsync(id, "請求取下げの確認書"));

        // The detail page links here; an auditor may not open it.
        var detail = await staff.Client.GetDocumentAsync($"/staff/requests/{id}");
        Assert.Null(detail.QuerySelector("#close-link")); // ended: nothing left to close
        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);
        using var refused = await auditor.Client.GetAsync(new Uri($"/staff/requests/{id}/close", UriKind.Relative));
        Assert.Contains("access-denied", StaffSignIn.Location(refused), StringComparison.Ordinal);
    }

    /// <summary>A reminder run as of <paramref name="at"/>: the runner and its letters on a fake clock, the rest as the app has it.</summary>
    private Task<ReminderRunResult> RunRemindersAsync(DateTimeOffset at) => app.WithScopeAndReturnAsync(sp =>
    {
        var clock = new FakeTimeProvider(at);
        var issuer = ActivatorUtilities.CreateInstance<LetterIssuer>(sp, (TimeProvider)clock);
        return ActivatorUtilities.CreateInstance<ReminderRunner>(sp, (TimeProvider)clock, issuer).RunAsync();
    });

    [Fact]
    public async Task An_unpaid_fee_is_reminded_twice_then_closed_as_abandoned_and_its_id_copies_are_purged_at_retention_from_that_close()
    {
        var (id, reference, _) = await FileAsync(RequestFamily.Disclosure);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        Redirected(await AcceptIdentityAsync(staff.Client, id));
        var waiting = await LoadAsync(id);
        Assert.Equal(RequestStatus.AwaitingFee, waiting.Status);
        var since = waiting.ClockPausedSince!.Value;

        // Day 13: nothing yet. Day 14: the first reminder, with letter and mail; run again (a restart): nothing more.
        await RunRemindersAsync(since.AddDays(13));
        Assert.Empty(await LettersAsync(id, "reminder"));
        await RunRemindersAsync(since.AddDays(14));
        await RunRemindersAsync(since.AddDays(14).AddHours(1));
        var first = Assert.Single(await LettersAsync(id, "reminder"));
        var closesOn = JapaneseText.JstDate(since.AddDays(60));
        var pdf = await LetterTextAsync(first);
        Assert.Contains("手数料・書類のご提出のお願い", pdf, StringComparison.Ordinal);
        Assert.Contains("お待ちしているもの手数料のご入金", pdf, StringComparison.Ordinal);
        Assert.Contains($"期日{JapaneseText.ToWareki(closesOn)}まで", pdf, StringComparison.Ordinal);
        Assert.Contains("ご案内の回数1回目", pdf, StringComparison.Ordinal);
        Assert.Contains("お振込みいただく金額1,000円", pdf, StringComparison.Ordinal);
        Assert.Contains(JapaneseText.ToWareki(JapaneseText.JstDate(since.AddDays(14))), pdf, StringComparison.Ordinal); // dated by the clock
        var firstMail = Assert.Single(await MailsAsync(id, "手数料・書類のご提出のお願い"));
        Assert.Contains(JapaneseText.ToWareki(closesOn), app.OpenBody(firstMail), StringComparison.Ordinal);

        // Day 28: the second; day 60 (the announced date): still open; the day after: closed as abandoned with its notice.
        await RunRemindersAsync(since.AddDays(28));
        Assert.Equal(2, (await LettersAsync(id, "reminder")).Count);
        Assert.Equal(2, (await LoadAsync(id)).RemindersSent);
        await RunRemindersAsync(since.AddDays(60));
        Assert.Equal(RequestStatus.AwaitingFee, await StatusAsync(app, id));
        var closedAt = since.AddDays(61);
        await RunRemindersAsync(closedAt);

        var abandoned = await LoadAsync(id);
        Assert.Equal(RequestStatus.Rejected, abandoned.Status);
        Assert.Equal(RejectionGround.Abandoned, abandoned.RejectionGround);
        Assert.Equal(closedAt, abandoned.ClosedAt);
        Assert.Equal(PrivacyRequest.SystemActor, abandoned.StatusHistory[^1].Actor);
        var notice = Assert.Single(await LettersAsync(id, "abandonment-notice"));
        var noticeText = await LetterTextAsync(notice);
        Assert.Contains("請求の手続き終了のお知らせ", noticeText, StringComparison.Ordinal);
        Assert.Contains("お待ちしていたもの手数料のご入金", noticeText, StringComparison.Ordinal);
        Assert.Contains($"ご案内した期日{JapaneseText.ToWareki(closesOn)}", noticeText, StringComparison.Ordinal);
        Assert.Contains(reference, noticeText, StringComparison.Ordinal);
        Assert.Single(await MailsAsync(id, "請求の手続き終了のお知らせ"));
        var actions = await ActionsAsync(app, id);
        Assert.Equal(2, actions.Count(a => a == AuditActions.ReminderSent));
        Assert.Single(actions, a => a == AuditActions.Abandoned);

        // Retention counts from that close: a day early nothing of it is purged; on the day, its ID copies are.
        var days = await app.WithScopeAndReturnAsync(sp => Task.FromResult(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RetentionOptions>>().Value.DocumentDays));
        Task PurgeAsync(DateTimeOffset at) => app.WithScopeAsync(sp =>
            ActivatorUtilities.CreateInstance<RetentionPurger>(sp, (TimeProvider)new FakeTimeProvider(at)).PurgeAsync());
        Task<List<DateTimeOffset?>> PurgedAsync() => app.WithDbAsync(db =>
            db.Documents.Where(d => EF.Property<Guid>(d, "RequestId") == id).Select(d => d.PurgedAt).ToListAsync());

        await PurgeAsync(closedAt.AddDays(days - 1));
        var kept = await PurgedAsync();
        Assert.NotEmpty(kept);
        Assert.All(kept, p => Assert.Null(p));
        await PurgeAsync(closedAt.AddDays(days));
        Assert.All(await PurgedAsync(), p => Assert.NotNull(p));
        var documentIds = await app.WithDbAsync(db => db.Documents.Where(d => EF.Property<Guid>(d, "RequestId") == id).Select(d => d.Id).ToListAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.DocumentContents.CountAsync(c => documentIds.Contains(c.DocumentId))));
    }

    [Fact]
    public async Task Two_reminder_runs_at_once_send_one_reminder_per_request()
    {
        var ids = new List<Guid>();
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        for (var i = 0; i < 3; i++)
        {
            var (id, _, _) = await FileAsync(RequestFamily.Disclosure);
            Redirected(await AcceptIdentityAsync(staff.Client, id));
            ids.Add(id);
        }

        var latest = (await app.WithDbAsync(db => db.Requests.Where(r => ids.Contains(r.Id)).Select(r => r.ClockPausedSince).ToListAsync())).Max()!.Value;
        var at = latest.AddDays(14);

        // Two instances wake at the same moment (each its own scope and connection), then both again after a restart.
        var results = (await Task.WhenAll(RunRemindersAsync(at), RunRemindersAsync(at)))
            .Concat(await Task.WhenAll(RunRemindersAsync(at.AddMinutes(5)), RunRemindersAsync(at.AddMinutes(5))))
            .ToList();

        foreach (var id in ids)
        {
            Assert.Single(await LettersAsync(id, "reminder"));
            Assert.Single(await MailsAsync(id, "手数料・書類のご提出のお願い"));
            Assert.Single(await ActionsAsync(app, id), a => a == AuditActions.ReminderSent);
            Assert.Equal(1, (await LoadAsync(id)).RemindersSent);
        }

        Assert.True(results.Sum(r => r.Reminded) >= ids.Count);
    }
}

public sealed class ClosingNoticesTestsOnSqlite(StaffSqliteAppFixture app) : ClosingNoticesTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class ClosingNoticesTestsOnPostgres(StaffPostgresAppFixture app) : ClosingNoticesTests(app), IClassFixture<StaffPostgresAppFixture>;
