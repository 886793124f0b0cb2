using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Letters;
using PrivacyDesk.Web.Tests.Requests;
using static PrivacyDesk.Web.Tests.Staff.Requests.BackOffice;

namespace PrivacyDesk.Web.Tests.Staff.Contact;

/// <summary>
/// Issue 14 item 5 over real HTTP on each provider (ADR 0024): every family chooses electronic or postal delivery, the
/// receipt, status page and staff page say which, and an electronic correction answer is downloaded from the status page
/// with a mail through the outbox; staff correct contact details with a reason (kept in the history, not in the audit
/// row), are refused without one, and get a 409 on a stale version.
/// </summary>
public abstract class DeliveryAndContactTests(AppFixture app)
{
    private async Task<(Guid Id, string Reference, string Token, IDocument Receipt)> FileAsync(RequestFamily family, string delivery)
    {
        using var client = app.Factory.CreateBrowserClient();
        var receipt = await new MemberSession(client).FileAsync(family, RequesterType.Principal, fields => fields["Input.Delivery"] = delivery);
        var reference = receipt.QuerySelector("#reference-number")!.TextContent.Trim();
        var token = receipt.QuerySelector("#access-token")!.TextContent.Trim();
        var id = await app.WithDbAsync(db => db.Requests.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
        return (id, reference, token, receipt);
    }

    private static string StatusUrl(string reference, string token) =>
        $"/requests/status?r={Uri.EscapeDataString(reference)}&t={Uri.EscapeDataString(token)}";

    [Fact]
    public async Task A_correction_answered_electronically_is_shown_as_chosen_and_downloaded_from_the_status_page()
    {
        var (id, reference, token, receipt) = await FileAsync(RequestFamily.Correction, "Electronic");
        Assert.Contains("電磁的記録", receipt.QuerySelector("#delivery")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DeliveryMethod.Electronic, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Delivery).SingleAsync()));

        using var member = app.Factory.CreateBrowserClient();
        var status = await member.GetDocumentAsync(StatusUrl(reference, token));
        Assert.Contains("電磁的記録", status.QuerySelector("#delivery")!.TextContent, StringComparison.Ordinal);
        Assert.Null(status.QuerySelector("#letters"));

        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        using var supervisor = await StaffSignIn.SignInAsync(app, StaffRoles.Supervisor);
        var detail = await staff.Client.GetDocumentAsync($"/staff/requests/{id}");
        Assert.Contains("電磁的記録", detail.QuerySelector("#delivery")!.TextContent, StringComparison.Ordinal);

        Redirected(await AcceptIdentityAsync(staff.Client, id));
        Redirected(await DecideAsync(staff.Client, id, _ => [("Outcome", "Done"), ("Detail", "住所を訂正しました。")]));
        Redirected(await ApproveAsync(supervisor.Client, id));
        Assert.Equal(["correction-result"], await IssueResultLettersAsync(app, staff.Client, id));

        // The member is told by mail through the outbox, and downloads the letter from the status page.
        var mails = await app.WithDbAsync(db => db.Outbox.Where(m => m.RequestId == id).Select(m => m.Kind).ToListAsync());
        Assert.Contains("letter.issued", mails);
        status = await member.GetDocumentAsync(StatusUrl(reference, token));
        var link = status.QuerySelector("#letters a")!.GetAttribute("href")!;
        using var download = await member.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Contains("訂正等の結果通知書", LetterPdf.Text(await download.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stop_use_request_by_post_says_so_and_offers_no_download()
    {
        var (id, reference, token, receipt) = await FileAsync(RequestFamily.StopUse, "Post");
        Assert.Contains("書面（郵送）", receipt.QuerySelector("#delivery")!.TextContent, StringComparison.Ordinal);
        using var member = app.Factory.CreateBrowserClient();
        var status = await member.GetDocumentAsync(StatusUrl(reference, token));
        Assert.Contains("書面（郵送）", status.QuerySelector("#delivery")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DeliveryMethod.Post, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Delivery).SingleAsync()));
    }

    [Fact]
    public async Task A_correction_form_without_a_delivery_choice_is_refused_in_Japanese()
    {
        using var client = app.Factory.CreateBrowserClient();
        var session = new MemberSession(client);
        var form = await session.OpenAsync(RequestFamily.Correction);
        Assert.NotNull(form.QuerySelector("#Input_Delivery_Electronic"));
        var fields = ValidForm.Fields(RequestFamily.Correction, RequesterType.Principal);
        fields.Remove("Input.Delivery");
        var (_, page) = await session.ReviewAsync(RequestFamily.Correction, form, fields, ValidForm.Files(RequesterType.Principal));
        Assert.Contains("結果の受け取り方法を選んでください。", page.QuerySelector(".pd-error-summary")!.TextContent, StringComparison.Ordinal);
    }

    private static string ContactUrl(Guid id) => $"/staff/requests/{id}/contact";

    private static IEnumerable<KeyValuePair<string, string>> Contact(string city, string addressLine, string reason) =>
    [
        F("Contact.PostalCode", "150-0001"), F("Contact.Prefecture", "東京都"), F("Contact.City", city), F("Contact.AddressLine", addressLine),
        F("Contact.Phone", "03-5285-1771"), F("Contact.Email", "hanako@example.jp"), F("Contact.Reason", reason),
    ];

    [Fact]
    public async Task Staff_correct_an_address_with_a_reason_and_the_old_one_is_kept_in_the_history_not_in_the_audit_row()
    {
        var (id, _, _, _) = await FileAsync(RequestFamily.Disclosure, "Post");
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff, displayName: "総務 一郎");
        var page = await staff.Client.GetDocumentAsync(ContactUrl(id));
        Assert.Equal("6-24-20", page.QuerySelector("#Contact_AddressLine")!.GetAttribute("value"));

        // Without a reason: refused in Japanese (422), nothing changes.
        var version = await VersionAsync(app, id);
        using (var refused = await PostAsync(staff.Client, ContactUrl(id), page, "#contact-form", Contact("渋谷区神宮前", "1-2-3", " ")))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var shown = await Html.ParseAsync(refused);
            Assert.Contains("訂正の理由を入力してください", shown.QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("1-2-3", shown.QuerySelector("#Contact_AddressLine")!.GetAttribute("value"));
        }

        Assert.Equal(version, await VersionAsync(app, id));
        Assert.Equal("6-24-20", await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Principal.AddressLine).SingleAsync()));

        Redirected(await PostAsync(staff.Client, ContactUrl(id), page, "#contact-form", Contact("渋谷区神宮前", "1-2-3", "本人から電話で転居の連絡（折り返しで確認）")), ContactUrl(id));
        var stored = await app.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.Principal).Include(r => r.ContactCorrections).SingleAsync(r => r.Id == id));
        Assert.Equal("150-0001", stored.Principal.PostalCode);
        Assert.Equal("渋谷区神宮前", stored.Principal.City);
        var correction = Assert.Single(stored.ContactCorrections);
        Assert.Equal(ContactField.Address, correction.Field);
        Assert.Equal("〒160-0022 東京都新宿区新宿6-24-20", correction.OldValue);
        Assert.Equal("〒150-0001 東京都渋谷区神宮前1-2-3", correction.NewValue);
        Assert.Equal(staff.UserId, correction.CorrectedBy);

        // The audit row names the field and the history row, never the address.
        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.RequestId == id && e.Action == "contact.corrected").ToListAsync());
        var row = Assert.Single(audit);
        Assert.Contains("Address", row.Details, StringComparison.Ordinal);
        Assert.Contains(correction.Id.ToString(), row.Details, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("神宮前", row.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("新宿", row.Details, StringComparison.Ordinal);
        Assert.Contains("contact.viewed", await ActionsAsync(app, id));

        // The history shows old and new values and who corrected them; the staff page shows the new address.
        var after = await staff.Client.GetDocumentAsync(ContactUrl(id));
        var history = after.QuerySelector("#corrections")!.TextContent;
        Assert.Contains("新宿区新宿6-24-20", history, StringComparison.Ordinal);
        Assert.Contains("総務 一郎", history, StringComparison.Ordinal);
        Assert.Contains("渋谷区神宮前", (await staff.Client.GetDocumentAsync($"/staff/requests/{id}")).QuerySelector(".pd-person")!.TextContent, StringComparison.Ordinal);

        // The same form again (its old version) is a colleague's change: 409, nothing written.
        using (var stale = await PostAsync(staff.Client, ContactUrl(id), page, "#contact-form", Contact("港区", "9-9-9", "二重送信")))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        }

        Assert.Single(await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).SelectMany(r => r.ContactCorrections).ToListAsync()));

        // Nothing changed: refused with a reason, no history row.
        using (var unchanged = await PostAsync(staff.Client, ContactUrl(id), after, "#contact-form", Contact("渋谷区神宮前", "1-2-3", "確認のみ")))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, unchanged.StatusCode);
            Assert.Contains("変更された項目がありません。", (await Html.ParseAsync(unchanged)).QuerySelector("#error-message")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_bad_phone_number_is_refused_in_Japanese_and_an_auditor_cannot_correct()
    {
        var (id, _, _, _) = await FileAsync(RequestFamily.StopUse, "Post");
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var page = await staff.Client.GetDocumentAsync(ContactUrl(id));
        var fields = Contact("新宿区新宿", "6-24-20", "電話番号の誤記").Where(f => f.Key != "Contact.Phone").Append(F("Contact.Phone", "12345")).ToList();
        using (var refused = await PostAsync(staff.Client, ContactUrl(id), page, "#contact-form", fields))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("電話番号は「03-1234-5678」", (await Html.ParseAsync(refused)).QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
        }

        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);
        using var denied = await auditor.Client.GetAsync(new Uri(ContactUrl(id), UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("access-denied", StaffSignIn.Location(denied), StringComparison.Ordinal);
    }
}

public sealed class DeliveryAndContactTestsOnSqlite(StaffSqliteAppFixture app) : DeliveryAndContactTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class DeliveryAndContactTestsOnPostgres(StaffPostgresAppFixture app) : DeliveryAndContactTests(app), IClassFixture<StaffPostgresAppFixture>;
