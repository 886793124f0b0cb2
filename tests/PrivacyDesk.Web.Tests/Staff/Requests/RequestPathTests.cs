using System.Net;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Requests;
using static PrivacyDesk.Web.Tests.Staff.Requests.BackOffice;

namespace PrivacyDesk.Web.Tests.Staff.Requests;

/// <summary>
/// The whole back-office path for each family over real HTTP: received → ID accepted → fee paid (family (a)) →
/// decided → approved by a second person → result letter issued → closed. Each step is checked in the database, with its audit event.
/// </summary>
public abstract class RequestPathTests(AppFixture app)
{
    [Fact]
    public async Task Disclosure_is_checked_paid_decided_and_approved()
    {
        var (id, reference) = await FileAsync(app, RequestFamily.Disclosure);
        await RecordProvisionAsync(app);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff, displayName: "総務 一郎");
        using var supervisor = await StaffSignIn.SignInAsync(app, StaffRoles.Supervisor, displayName: "責任 花子");

        var detail = await staff.Client.GetDocumentAsync($"/staff/requests/{id}");
        Assert.Equal(reference, detail.QuerySelector("#reference")!.TextContent.Trim());
        Assert.Contains(ValidForm.PrincipalName, detail.QuerySelector(".pd-person-name")!.TextContent, StringComparison.Ordinal);

        // The document opens inline, decrypted, and the view is recorded.
        var documentLink = detail.QuerySelector("a.pd-document-link")!.GetAttribute("href")!;
        using (var document = await staff.Client.GetAsync(new Uri(documentLink, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, document.StatusCode);
            Assert.Equal("image/jpeg", document.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("inline", document.Content.Headers.ContentDisposition?.ToString() ?? document.Headers.GetValues("Content-Disposition").First(), StringComparison.Ordinal);
            var bytes = await document.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0xFF, 0xD8 }, bytes[..2]);
            Assert.Contains("no-store", document.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        }

        Redirected(await AcceptIdentityAsync(staff.Client, id));
        Assert.Equal(RequestStatus.AwaitingFee, await StatusAsync(app, id));

        Redirected(await PayAsync(staff.Client, id), $"/staff/requests/{id}/fee");
        Assert.Equal(RequestStatus.InReview, await StatusAsync(app, id));
        var feePage = await staff.Client.GetDocumentAsync($"/staff/requests/{id}/fee");
        Assert.Contains("1,000", feePage.QuerySelector("#fee-paid")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("入金を記録しました", feePage.QuerySelector("#done-message")!.TextContent, StringComparison.Ordinal);

        Redirected(await DecideAsync(staff.Client, id, kind => kind == RequestKind.PurposeOfUseNotice
                ? [("Outcome", "FullDisclosure")]
                : [("Outcome", "PartialDisclosure"), ("Grounds", "SeriousHindranceToBusiness"), ("Reason", "他の組合員の情報を含む部分を除きました。")],
            disclosedContent: "氏名：山田 花子\n利用履歴：2025年4月〜2026年3月の注文記録"));
        var decided = await app.WithDbAsync(db => db.Requests.Include(r => r.Decision).ThenInclude(d => d!.Outcomes).SingleAsync(r => r.Id == id));
        Assert.Equal(RequestStatus.Decided, decided.Status);
        Assert.False(decided.Decision!.IsApproved);
        Assert.Contains(decided.Decision.Outcomes, o => o.Outcome == KindOutcome.PartialDisclosure && o.Grounds.SequenceEqual([NonDisclosureGround.SeriousHindranceToBusiness]));
        Assert.StartsWith("氏名：山田 花子", decided.Decision.ContentOf(RequestKind.Disclosure), StringComparison.Ordinal);

        // Four-eyes: the staff member cannot approve (not a supervisor); the supervisor can.
        using (var refused = await staff.Client.GetAsync(new Uri($"/staff/requests/{id}/approval", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("access-denied", StaffSignIn.Location(refused), StringComparison.Ordinal);
        }

        Redirected(await ApproveAsync(supervisor.Client, id));
        var approved = await app.WithDbAsync(db => db.Decisions.SingleAsync(d => EF.Property<Guid>(d, "RequestId") == id));
        Assert.Equal(supervisor.UserId, approved.ApprovedBy);

        // Each change is one row, raised by the request itself; each page that showed the request left its read row.
        var actions = await ActionsAsync(app, id);
        Assert.Equal(
            ["request.submitted", "identity.check_started", "identity.accepted", "fee.recorded", "decision.recorded", "decision.approved"],
            actions.Where(a => a == "request.submitted" || PrivacyDesk.Web.Audit.AuditActions.Changes.Contains(a) && a != "document.attached").ToList());
        Assert.Contains("document.attached", actions);
        Assert.Superset(
            new HashSet<string> { "request.viewed", "document.viewed", "identity.viewed", "fee.viewed", "decision.viewed", "approval.viewed" },
            actions.ToHashSet());

        // The decision letters go out, and with the last of them the request closes.
        var letters = await IssueResultLettersAsync(app, staff.Client, id);
        Assert.Contains("disclosure-decision", letters);
        Assert.Equal(RequestStatus.Closed, await StatusAsync(app, id));

        // The timeline names who did what.
        var after = await staff.Client.GetDocumentAsync($"/staff/requests/{id}");
        var timeline = after.QuerySelector("#timeline")!.TextContent;
        Assert.Contains("総務 一郎", timeline, StringComparison.Ordinal);
        Assert.Contains("責任 花子", timeline, StringComparison.Ordinal);
        Assert.Contains("決定を承認", timeline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Correction_needs_no_fee_and_says_what_was_corrected()
    {
        var (id, _) = await FileAsync(app, RequestFamily.Correction, RequesterType.VoluntaryAgent);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        using var supervisor = await StaffSignIn.SignInAsync(app, StaffRoles.Supervisor);

        var checkPage = await staff.Client.GetDocumentAsync($"/staff/requests/{id}/identity-check");
        var items = checkPage.QuerySelectorAll("input[name='Input.Confirmed']").Select(i => i.GetAttribute("value")).ToArray();
        Assert.Contains("PowerOfAttorneyValid", items);
        Assert.Contains("AgentIdAccepted", items);
        Assert.DoesNotContain("LegalAuthorityDocumentValid", items);

        Redirected(await AcceptIdentityAsync(staff.Client, id));
        Assert.Equal(RequestStatus.InReview, await StatusAsync(app, id));
        var detail = await staff.Client.GetDocumentAsync($"/staff/requests/{id}");
        Assert.Null(detail.QuerySelector("#go-fee"));

        // Done without saying what was done is refused with the reason, and nothing is stored.
        var version = await VersionAsync(app, id);
        using (var missing = await DecideAsync(staff.Client, id, _ => [("Outcome", "Done")]))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
            var page = await Html.ParseAsync(missing);
            Assert.Contains("実施した内容を入力してください", page.QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(version, await VersionAsync(app, id));
        Assert.Equal(RequestStatus.InReview, await StatusAsync(app, id));

        Redirected(await DecideAsync(staff.Client, id, _ => [("Outcome", "Done"), ("Detail", "住所を「東京都新宿区新宿6-24-20」に訂正しました。")]));
        Redirected(await ApproveAsync(supervisor.Client, id));
        var decision = await app.WithDbAsync(db => db.Decisions.Include(d => d.Outcomes).SingleAsync(d => EF.Property<Guid>(d, "RequestId") == id));
        Assert.True(decision.IsApproved);
        Assert.All(decision.Outcomes, o => Assert.StartsWith("住所を", o.Detail, StringComparison.Ordinal));
        Assert.Equal(["correction-result"], await IssueResultLettersAsync(app, staff.Client, id));
        Assert.Equal(RequestStatus.Closed, await StatusAsync(app, id));
    }

    [Fact]
    public async Task Stop_of_use_is_returned_for_deficiency_with_a_notice_then_refused_with_a_reason()
    {
        var (id, reference) = await FileAsync(app, RequestFamily.StopUse, RequesterType.LegalRepresentative);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        using var supervisor = await StaffSignIn.SignInAsync(app, StaffRoles.Supervisor);

        // Return: everything confirmed, the relationship document marked deficient, plus a note.
        var page = await staff.Client.GetDocumentAsync($"/staff/requests/{id}/identity-check");
        var confirmed = page.QuerySelectorAll("input[name='Input.Confirmed']").Select(i => i.GetAttribute("value")!)
            .Where(v => v != "LegalAuthorityDocumentValid").Select(v => F("Input.Confirmed", v)).ToList();
        confirmed.Add(F("Input.Failed", "LegalAuthorityDocumentValid"));
        confirmed.Add(F("Input.Reason", "戸籍謄本の発行日が6か月前です。3か月以内のものをお送りください。"));
        Redirected(await PostAsync(staff.Client, $"/staff/requests/{id}/identity-check?handler=Return", page, "#identity-form", confirmed));
        Assert.Equal(RequestStatus.ReturnedForDeficiency, await StatusAsync(app, id));

        var notice = await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.RequestId == id && m.Kind == "request.deficiency"));
        Assert.Contains(reference, notice.Subject, StringComparison.Ordinal);
        var noticeBody = app.OpenBody(notice);
        // Only the point marked deficient, in plain positive words: what to send, never "could not be confirmed".
        Assert.Contains("発行から3か月以内の戸籍謄本または成年後見登記事項証明書をお送りください", noticeBody, StringComparison.Ordinal);
        Assert.DoesNotContain("確認できませんでした", noticeBody, StringComparison.Ordinal);
        Assert.DoesNotContain("委任状", noticeBody, StringComparison.Ordinal);
        Assert.Contains("3か月以内のものをお送りください", noticeBody, StringComparison.Ordinal);
        Assert.Contains(ValidForm.AgentName, noticeBody, StringComparison.Ordinal);

        // The member's status page shows the reason; the clock is paused.
        var paused = await app.WithDbAsync(db => db.Requests.SingleAsync(r => r.Id == id));
        Assert.Null(paused.DueAt);
        Assert.NotNull(paused.ClockPausedSince);

        // New documents arrive: accept, then refuse the stop with a reason.
        Redirected(await AcceptIdentityAsync(staff.Client, id));
        Assert.Equal(RequestStatus.InReview, await StatusAsync(app, id));
        Redirected(await DecideAsync(staff.Client, id, _ => [("Outcome", "NotDone"), ("Reason", "法令に基づく保存期間中のため、利用を停止できません。")]));

        // No letter before approval: the request cannot close yet.
        Assert.Equal(RequestStatus.Decided, await StatusAsync(app, id));
        Redirected(await ApproveAsync(supervisor.Client, id));
        Assert.Equal(["stop-use-result"], await IssueResultLettersAsync(app, staff.Client, id));
        Assert.Equal(RequestStatus.Closed, await StatusAsync(app, id));

        var checks = await app.WithDbAsync(db => db.IdentityChecks.Where(c => EF.Property<Guid>(c, "RequestId") == id).OrderBy(c => c.CheckedAt).ToListAsync());
        Assert.Equal(2, checks.Count);
        Assert.Equal(PrivacyDesk.Domain.Documents.IdentityCheckOutcome.Returned, checks[0].Outcome);
        Assert.DoesNotContain(PrivacyDesk.Domain.Documents.IdentityCheckItem.LegalAuthorityDocumentValid, checks[0].Confirmed);
        Assert.Equal(PrivacyDesk.Domain.Documents.IdentityCheckOutcome.Accepted, checks[1].Outcome);
    }

    [Fact]
    public async Task Accepting_without_every_point_is_refused_in_Japanese_and_changes_nothing()
    {
        var (id, _) = await FileAsync(app, RequestFamily.Disclosure);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var version = await VersionAsync(app, id);
        var page = await staff.Client.GetDocumentAsync($"/staff/requests/{id}/identity-check");
        using var response = await PostAsync(staff.Client, $"/staff/requests/{id}/identity-check?handler=Accept", page, "#identity-form",
            [F("Input.Confirmed", "PrincipalIdAccepted")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await Html.ParseAsync(response);
        Assert.Contains("すべての確認項目にチェックを付けてください", shown.QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);

        // What was ticked stays ticked.
        Assert.NotNull(shown.QuerySelector("#check-PrincipalIdAccepted[checked]"));
        Assert.Null(shown.QuerySelector("#check-NoMyNumberCardBack[checked]"));
        Assert.Equal(version, await VersionAsync(app, id));
        Assert.Equal(RequestStatus.Received, await StatusAsync(app, id));
        Assert.DoesNotContain("identity.accepted", await ActionsAsync(app, id));
    }

    [Fact]
    public async Task The_checklist_asks_only_what_applies_to_the_documents_sent_and_the_audit_records_only_that()
    {
        // The filed request's ID is a 運転免許証: no point about an insurance card or a My Number card is asked.
        var (id, _) = await FileAsync(app, RequestFamily.Disclosure);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var page = await staff.Client.GetDocumentAsync($"/staff/requests/{id}/identity-check");
        var asked = page.QuerySelectorAll("input[name='Input.Confirmed']").Select(i => i.GetAttribute("value")!).ToList();
        Assert.Equal(["PrincipalIdAccepted", "PrincipalNameAndAddressMatch"], asked);
        Assert.DoesNotContain("健康保険被保険者証の場合", page.QuerySelector("#identity-form")!.TextContent, StringComparison.Ordinal);

        Redirected(await AcceptIdentityAsync(staff.Client, id));
        var check = await app.WithDbAsync(db => db.IdentityChecks.SingleAsync(c => EF.Property<Guid>(c, "RequestId") == id));
        Assert.DoesNotContain(PrivacyDesk.Domain.Documents.IdentityCheckItem.InsuranceSymbolsMasked, check.Confirmed);
        Assert.DoesNotContain(PrivacyDesk.Domain.Documents.IdentityCheckItem.NoMyNumberCardBack, check.Confirmed);
    }

    [Fact]
    public async Task A_return_with_nothing_marked_deficient_and_no_note_is_refused_in_Japanese_and_changes_nothing()
    {
        var (id, _) = await FileAsync(app, RequestFamily.Disclosure);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var version = await VersionAsync(app, id);
        var page = await staff.Client.GetDocumentAsync($"/staff/requests/{id}/identity-check");
        using var response = await PostAsync(staff.Client, $"/staff/requests/{id}/identity-check?handler=Return", page, "#identity-form", []);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("不備のある項目に「不備あり」を付けるか、不備の内容を入力してください",
            (await Html.ParseAsync(response)).QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(version, await VersionAsync(app, id));
        Assert.Equal(RequestStatus.Received, await StatusAsync(app, id));
        Assert.Equal(0, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.RequestId == id && m.Kind == "request.deficiency")));

        // A point both confirmed and deficient is refused too.
        using var both = await PostAsync(staff.Client, $"/staff/requests/{id}/identity-check?handler=Return", page, "#identity-form",
            [F("Input.Confirmed", "PrincipalIdAccepted"), F("Input.Failed", "PrincipalIdAccepted")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, both.StatusCode);
        Assert.Equal(RequestStatus.Received, await StatusAsync(app, id));
    }

    [Fact]
    public async Task Bad_fee_input_is_explained_and_nothing_is_recorded()
    {
        var (id, _) = await FileAsync(app, RequestFamily.Disclosure);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var future = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var response = await PayAsync(staff.Client, id, amount: 1000, date: future);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("未来の日付は入力できません", page.QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(future, page.QuerySelector("#Input_PaidOn")!.GetAttribute("value"));

        // A refund larger than what was paid is refused by the domain rule.
        var feePage = await staff.Client.GetDocumentAsync($"/staff/requests/{id}/fee");
        using var refund = await PostAsync(staff.Client, $"/staff/requests/{id}/fee", feePage, "#fee-form",
            [F("Input.Kind", "Refund"), F("Input.AmountYen", "500"), F("Input.PaidOn", Today), F("Input.Method", "CashAtCounter")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refund.StatusCode);
        Assert.Contains("返金額が入金額", (await Html.ParseAsync(refund)).QuerySelector("#error-message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.FeePayments.CountAsync(p => EF.Property<Guid>(p, "RequestId") == id)));
    }

    [Fact]
    public async Task Two_staff_editing_at_once_get_a_conflict_explained_not_an_overwrite()
    {
        var (id, _) = await FileAsync(app, RequestFamily.Disclosure);
        using var first = await StaffSignIn.SignInAsync(app, StaffRoles.Staff, displayName: "先手 太郎");
        using var second = await StaffSignIn.SignInAsync(app, StaffRoles.Staff, displayName: "後手 次郎");

        // Both open the fee page at the same version.
        var firstPage = await first.Client.GetDocumentAsync($"/staff/requests/{id}/fee");
        var secondPage = await second.Client.GetDocumentAsync($"/staff/requests/{id}/fee");
        KeyValuePair<string, string>[] payment =
            [F("Input.Kind", "Payment"), F("Input.AmountYen", "1000"), F("Input.PaidOn", Today), F("Input.Method", "BankTransfer")];
        Redirected(await PostAsync(first.Client, $"/staff/requests/{id}/fee", firstPage, "#fee-form", payment));
        using var late = await PostAsync(second.Client, $"/staff/requests/{id}/fee", secondPage, "#fee-form", payment);

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var message = (await Html.ParseAsync(late)).QuerySelector("#conflict-message")!.TextContent;
        Assert.Contains("先手 太郎", message, StringComparison.Ordinal);
        Assert.Contains("手数料の入金を記録", message, StringComparison.Ordinal);
        Assert.Contains("保存していません", message, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.FeePayments.CountAsync(p => EF.Property<Guid>(p, "RequestId") == id)));
    }

    [Fact]
    public async Task A_supervisor_cannot_approve_their_own_decision()
    {
        var (id, _) = await FileAsync(app, RequestFamily.Correction);
        using var supervisor = await StaffSignIn.SignInAsync(app, StaffRoles.Supervisor);
        Redirected(await AcceptIdentityAsync(supervisor.Client, id));
        Redirected(await DecideAsync(supervisor.Client, id, _ => [("Outcome", "NoDataHeld"), ("Reason", "該当する保有個人データはありません。")]));
        using var own = await ApproveAsync(supervisor.Client, id);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, own.StatusCode);
        Assert.Contains("決定を入力した本人は承認できません", (await Html.ParseAsync(own)).QuerySelector("#error-message")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Decisions.Where(d => EF.Property<Guid>(d, "RequestId") == id).Select(d => d.ApprovedAt != null).SingleAsync()));
    }

    [Fact]
    public async Task A_sent_back_decision_returns_to_review_with_the_reason()
    {
        var (id, _) = await FileAsync(app, RequestFamily.Correction);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        using var supervisor = await StaffSignIn.SignInAsync(app, StaffRoles.Supervisor);
        Redirected(await AcceptIdentityAsync(staff.Client, id));
        Redirected(await DecideAsync(staff.Client, id, _ => [("Outcome", "Done"), ("Detail", "電話番号を訂正しました。")]));

        var page = await supervisor.Client.GetDocumentAsync($"/staff/requests/{id}/approval");
        using var empty = await PostAsync(supervisor.Client, $"/staff/requests/{id}/approval?handler=SendBack", page, "#send-back-form", []);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("差し戻す理由を入力してください", (await Html.ParseAsync(empty)).QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);

        Redirected(await PostAsync(supervisor.Client, $"/staff/requests/{id}/approval?handler=SendBack", page, "#send-back-form",
            [F("SendBack.Reason", "訂正後の番号を請求書の記載と照合してください。")]));
        var request = await app.WithDbAsync(db => db.Requests.Include(r => r.StatusHistory).Include(r => r.Decision).SingleAsync(r => r.Id == id));
        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.Null(request.Decision);
        Assert.Equal("訂正後の番号を請求書の記載と照合してください。", request.StatusHistory.OrderBy(c => c.At).Last().Reason);
    }

    [Fact]
    public async Task Assignment_and_notes_are_kept_and_auditors_can_read_but_not_write()
    {
        var (id, _) = await FileAsync(app, RequestFamily.StopUse);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff, displayName: "担当 三郎");
        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);

        var page = await staff.Client.GetDocumentAsync($"/staff/requests/{id}");
        Redirected(await PostAsync(staff.Client, $"/staff/requests/{id}?handler=Assign", page, "#assign-form", [F("Assign.AssignTo", staff.UserId)]));
        page = await staff.Client.GetDocumentAsync($"/staff/requests/{id}");
        Redirected(await PostAsync(staff.Client, $"/staff/requests/{id}?handler=Note", page, "#note-form", [F("Note.Text", "電話で本人から補足あり。")]));
        using (var emptyNote = await PostAsync(staff.Client, $"/staff/requests/{id}?handler=Note", page, "#note-form", [F("Note.Text", "  ")]))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, emptyNote.StatusCode);
        }

        var shown = await auditor.Client.GetDocumentAsync($"/staff/requests/{id}");
        Assert.Contains("担当 三郎", shown.QuerySelector("#assignee")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("電話で本人から補足あり。", shown.QuerySelector("#note-list")!.TextContent, StringComparison.Ordinal);
        Assert.Null(shown.QuerySelector("#note-form"));
        Assert.Null(shown.QuerySelector("#assign-form"));

        // Auditors are refused every change, even when they post by hand.
        var before = await VersionAsync(app, id);
        using (var note = await PostAsync(auditor.Client, $"/staff/requests/{id}?handler=Note", page, "#note-form", [F("Note.Text", "監査人のメモ")]))
        {
            Assert.True(note.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"got {(int)note.StatusCode}");
        }

        using (var fee = await auditor.Client.GetAsync(new Uri($"/staff/requests/{id}/fee", UriKind.Relative)))
        {
            Assert.Contains("access-denied", StaffSignIn.Location(fee), StringComparison.Ordinal);
        }

        Assert.Equal(before, await VersionAsync(app, id));
        Assert.Equal(1, await app.WithDbAsync(db => db.RequestNotes.CountAsync(n => n.RequestId == id)));
    }
}

public sealed class RequestPathTestsOnSqlite(StaffSqliteAppFixture app) : RequestPathTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class RequestPathTestsOnPostgres(StaffPostgresAppFixture app) : RequestPathTests(app), IClassFixture<StaffPostgresAppFixture>;
