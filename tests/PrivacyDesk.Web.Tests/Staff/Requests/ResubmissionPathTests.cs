using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Documents;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Requests;
using static PrivacyDesk.Web.Tests.Staff.Requests.BackOffice;

namespace PrivacyDesk.Web.Tests.Staff.Requests;

/// <summary>
/// Resubmission (issue 14 item 1, ADR 0022) over real HTTP: a return, then the documents again from the member's status
/// page or as a posted scan; the old document kept and marked superseded; hostile, foreign and replayed submissions
/// refused in Japanese with nothing changed; the member never reads 決定済み before the letter.
/// </summary>
public abstract class ResubmissionPathTests(AppFixture app)
{
    [Fact]
    public async Task Return_online_resubmission_accepted_decided_approved_and_letter()
    {
        var member = await FileAsync(RequestFamily.Disclosure);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        using var supervisor = await StaffSignIn.SignInAsync(app, StaffRoles.Supervisor);
        Redirected(await ReturnAsync(staff.Client, member.Id, IdentityCheckItem.PrincipalIdAccepted));

        // The status page says what to send, in positive words, with one upload for exactly the failed document.
        var status = await member.StatusPageAsync();
        Assert.Equal("書類不備による返戻中", status.QuerySelector("#status-label")!.TextContent.Trim());
        Assert.Contains("お送りください", status.QuerySelector("#deficiency-reason")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("できませんでした", status.QuerySelector("#waiting-documents")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Resubmit.PrincipalDocument"], status.QuerySelectorAll("#resubmit-form input[type=file]").Select(i => i.GetAttribute("name")));

        var upload = Upload.Jpeg("mynumber-front.jpg");
        using (var sent = await member.ResubmitAsync(status, ("Resubmit.PrincipalDocumentType", "MyNumberCardFront"), ("Resubmit.PrincipalDocument", upload)))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            Assert.StartsWith("/requests/status?r=", sent.Headers.Location!.OriginalString, StringComparison.Ordinal);
            var confirmed = await member.Client.GetDocumentAsync(sent.Headers.Location!.OriginalString);
            Assert.Contains("書類をお受けしました", confirmed.QuerySelector("#resubmitted")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("本人確認中", confirmed.QuerySelector("#status-label")!.TextContent.Trim());
            Assert.Null(confirmed.QuerySelector("#resubmit-form"));
        }

        var request = await app.WithDbAsync(db => db.Requests.Include(r => r.Documents).SingleAsync(r => r.Id == member.Id));
        Assert.Equal(RequestStatus.IdentityCheck, request.Status);
        Assert.NotNull(request.DueAt); // the clock runs again
        Assert.NotNull(request.ResubmittedAt);
        var old = Assert.Single(request.Documents, d => d.IsSuperseded);
        var card = Assert.Single(request.CurrentDocuments);
        Assert.Equal(card.Id, old.SupersededBy);
        Assert.Equal(DocumentType.MyNumberCardFront, card.Type);

        // Inspected and re-encoded like the filing form's uploads (the phone's EXIF is gone), and encrypted at rest.
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(upload.Bytes)), card.Sha256);
        var stored = await app.WithDbAsync(db => db.DocumentContents.SingleAsync(c => c.DocumentId == card.Id));
        var plain = app.Factory.Services.GetRequiredService<DocumentVault>().Open(stored);
        Assert.Equal(card.Sha256, Convert.ToHexStringLower(SHA256.HashData(plain)));
        Assert.False(plain.AsSpan().IndexOf("Exif"u8) >= 0);

        // Staff see it marked in the queue and both documents on the ID-check page, the old one marked.
        var queue = await staff.Client.GetDocumentAsync("/staff/queue");
        Assert.NotNull(queue.QuerySelector($"tr[data-reference='{member.Reference}'] [data-stage=resubmitted]"));
        var check = await staff.Client.GetDocumentAsync($"/staff/requests/{member.Id}/identity-check");
        Assert.Equal(2, check.QuerySelectorAll("#documents tbody tr").Length);
        Assert.Contains("差し替え済み", check.QuerySelector("#documents tr[data-superseded=true]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, check.QuerySelectorAll(".pd-document-preview[data-superseded=true]").Length);

        // The checklist is checked against the current set: the My Number card (its back not copied), no licence points.
        Redirected(await AcceptIdentityAsync(staff.Client, member.Id));
        Assert.Equal(RequestStatus.AwaitingFee, await StatusAsync(app, member.Id));
        Assert.Null(await app.WithDbAsync(db => db.Requests.Where(r => r.Id == member.Id).Select(r => r.ResubmittedAt).SingleAsync()));
        Redirected(await PayAsync(staff.Client, member.Id), $"/staff/requests/{member.Id}/fee");
        // The register holds no provision record of this member: the records kind is answered 該当なし.
        Redirected(await DecideAsync(staff.Client, member.Id, kind => kind == RequestKind.ThirdPartyProvisionRecordDisclosure
            ? [("Outcome", "NoDataHeld"), ("Reason", "第三者提供記録はありません。")]
            : [("Outcome", "FullDisclosure")], disclosedContent: "氏名：山田 花子"));

        // Decided but not approved, and approved but unsent: the member reads 回答準備中, never 決定済み.
        Assert.Equal("回答準備中", (await member.StatusPageAsync()).QuerySelector("#status-label")!.TextContent.Trim());
        Redirected(await ApproveAsync(supervisor.Client, member.Id));
        var approved = await member.StatusPageAsync();
        Assert.Equal("回答準備中", approved.QuerySelector("#status-label")!.TextContent.Trim());
        Assert.DoesNotContain("決定済み", approved.Body!.TextContent, StringComparison.Ordinal);

        Assert.Contains("disclosure-decision", await IssueResultLettersAsync(app, staff.Client, member.Id));
        Assert.Equal(RequestStatus.Closed, await StatusAsync(app, member.Id));
        var actions = await ActionsAsync(app, member.Id);
        Assert.Contains("document.resubmitted", actions);
        Assert.True(actions.IndexOf("identity.returned") < actions.IndexOf("document.resubmitted"));
    }

    [Fact]
    public async Task Return_then_a_posted_scan_is_attached_with_its_arrival_date()
    {
        var member = await FileAsync(RequestFamily.Correction);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        Redirected(await ReturnAsync(staff.Client, member.Id, IdentityCheckItem.PrincipalNameAndAddressMatch));
        var version = await VersionAsync(app, member.Id);

        // The arrival date is checked: not in the future, not before the request was filed; nothing changes.
        var tomorrow = DateOnly.Parse(Today, System.Globalization.CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (date, message) in new[] { (tomorrow, "未来の日付"), ("2020-01-06", "受付日") })
        {
            using var refused = await AttachScanAsync(staff.Client, member.Id, date);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains(message, (await Html.ParseAsync(refused)).QuerySelector("#error-message, .pd-error-summary, [role=alert]")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(version, await VersionAsync(app, member.Id));
        Assert.Equal(1, await app.WithDbAsync(db => db.Documents.CountAsync(d => EF.Property<Guid>(d, "RequestId") == member.Id)));

        using (var attached = await AttachScanAsync(staff.Client, member.Id, Today))
        {
            Redirected(attached, $"/staff/requests/{member.Id}/documents");
        }

        var request = await app.WithDbAsync(db => db.Requests.Include(r => r.Documents).SingleAsync(r => r.Id == member.Id));
        Assert.Equal(RequestStatus.IdentityCheck, request.Status);
        Assert.NotNull(request.DueAt);
        var scan = Assert.Single(request.CurrentDocuments);
        Assert.Equal(DateOnly.Parse(Today, System.Globalization.CultureInfo.InvariantCulture), scan.ArrivedOn);
        Assert.Equal(scan.Id, Assert.Single(request.Documents, d => d.IsSuperseded).SupersededBy);
        Assert.Contains("document.posted_attached", await ActionsAsync(app, member.Id));

        var page = await staff.Client.GetDocumentAsync($"/staff/requests/{member.Id}/documents");
        Assert.Contains("郵送", page.QuerySelector("#documents tr[data-superseded=false]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#documents tr[data-superseded=true]"));
        Redirected(await AcceptIdentityAsync(staff.Client, member.Id));
        Assert.Equal(RequestStatus.InReview, await StatusAsync(app, member.Id));
    }

    [Fact]
    public async Task Hostile_foreign_and_replayed_resubmissions_are_refused_in_Japanese_and_change_nothing()
    {
        var member = await FileAsync(RequestFamily.Disclosure);
        var other = await FileAsync(RequestFamily.Disclosure);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        Redirected(await ReturnAsync(staff.Client, member.Id, IdentityCheckItem.PrincipalIdAccepted));
        var before = await SnapshotAsync(member.Id);
        var status = await member.StatusPageAsync();

        // A PDF that runs a script is refused by the filing form's inspector, with its Japanese message.
        var script = new Upload(SampleFiles.Pdf(catalogEntries: "/OpenAction 7 0 R ", extraObjects: ["<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\);) >>"]), "id.pdf", "application/pdf");
        await RefusedAsync(await member.ResubmitAsync(status, ("Resubmit.PrincipalDocumentType", "Passport"), ("Resubmit.PrincipalDocument", script)), "PDF");

        // A file for a slot that was not asked for, and no file at all.
        await RefusedAsync(await member.ResubmitAsync(status, ("Resubmit.PrincipalDocumentType", "Passport"), ("Resubmit.AgentDocument", Upload.Jpeg())), "お願いしていません");
        await RefusedAsync(await member.ResubmitAsync(status, ("Resubmit.PrincipalDocumentType", "Passport")), "ファイルを選んでください");

        // The other request's status code does not open this request; the other request is not returned.
        await RefusedAsync(await member.ResubmitAsync(status, ("t", other.Token), ("Resubmit.PrincipalDocumentType", "Passport"), ("Resubmit.PrincipalDocument", Upload.Jpeg())), "見つかりませんでした");
        await RefusedAsync(await member.ResubmitAsync(status, ("r", other.Reference), ("t", other.Token), ("Resubmit.PrincipalDocumentType", "Passport"), ("Resubmit.PrincipalDocument", Upload.Jpeg())), "再提出をお願いしている状態ではありません");
        Assert.Equal(before, await SnapshotAsync(member.Id));
        Assert.Equal(RequestStatus.Received, await StatusAsync(app, other.Id));

        // The real one is taken once; the same form replayed attaches nothing.
        using (var sent = await member.ResubmitAsync(status, ("Resubmit.PrincipalDocumentType", "Passport"), ("Resubmit.PrincipalDocument", Upload.Jpeg())))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var after = await SnapshotAsync(member.Id);
        await RefusedAsync(await member.ResubmitAsync(status, ("Resubmit.PrincipalDocumentType", "Passport"), ("Resubmit.PrincipalDocument", Upload.Jpeg())), "再提出をお願いしている状態ではありません");
        Assert.Equal(after, await SnapshotAsync(member.Id));
        Assert.Equal(2, after.Documents);
    }

    private static async Task RefusedAsync(HttpResponseMessage response, string message)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var page = await Html.ParseAsync(response);
            Assert.Contains(message, page.QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
            if (page.QuerySelector("#status-summary") is not null)
            {
                Assert.Contains("何も保存されていません", page.QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
            }
        }
    }

    private sealed record Snapshot(RequestStatus Status, int Version, int Documents, int Contents, int AuditRows);

    private Task<Snapshot> SnapshotAsync(Guid id) => app.WithDbAsync(async db => new Snapshot(
        await db.Requests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync(),
        await db.Requests.Where(r => r.Id == id).Select(r => r.Version).SingleAsync(),
        await db.Documents.CountAsync(d => EF.Property<Guid>(d, "RequestId") == id),
        await db.DocumentContents.CountAsync(),
        await db.AuditEvents.CountAsync(e => e.RequestId == id && e.Action != PrivacyDesk.Web.Audit.AuditActions.StatusViewed)));

    private static async Task<HttpResponseMessage> ReturnAsync(HttpClient client, Guid id, params IdentityCheckItem[] failed)
    {
        var page = await client.GetDocumentAsync($"/staff/requests/{id}/identity-check");
        var names = failed.Select(f => f.ToString()).ToHashSet();
        var fields = page.QuerySelectorAll("input[name='Input.Confirmed']").Select(i => i.GetAttribute("value")!)
            .Where(v => !names.Contains(v)).Select(v => F("Input.Confirmed", v))
            .Concat(names.Select(n => F("Input.Failed", n)));
        return await PostAsync(client, $"/staff/requests/{id}/identity-check?handler=Return", page, "#identity-form", fields);
    }

    private static async Task<HttpResponseMessage> AttachScanAsync(HttpClient client, Guid id, string arrivedOn)
    {
        var page = await client.GetDocumentAsync($"/staff/requests/{id}/documents");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" },
            { new StringContent(page.QuerySelector("#posted-form input[name=Version]")!.GetAttribute("value")!), "Version" },
            { new StringContent("PrincipalIdentity"), "Posted.Role" },
            { new StringContent("DriversLicence"), "Posted.Type" },
            { new StringContent(arrivedOn), "Posted.ArrivedOn" },
        };
        var file = new ByteArrayContent(SampleFiles.Png(400, 300));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(file, "Posted.Scan", "scan.png");
        return await client.PostAsync(new Uri($"/staff/requests/{id}/documents", UriKind.Relative), content);
    }

    private async Task<MemberStatus> FileAsync(RequestFamily family)
    {
        var client = app.Factory.CreateBrowserClient();
        var receipt = await new MemberSession(client).FileAsync(family, RequesterType.Principal);
        var reference = receipt.QuerySelector("#reference-number")!.TextContent.Trim();
        var token = receipt.QuerySelector("#access-token")!.TextContent.Trim();
        var id = await app.WithDbAsync(db => db.Requests.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
        return new MemberStatus(client, id, reference, token);
    }

    /// <summary>A member's browser with their reference number and status code.</summary>
    private sealed record MemberStatus(HttpClient Client, Guid Id, string Reference, string Token)
    {
        public Task<IDocument> StatusPageAsync() =>
            Client.GetDocumentAsync($"/requests/status?r={Uri.EscapeDataString(Reference)}&t={Uri.EscapeDataString(Token)}");

        /// <summary>Posts the upload form of <paramref name="page"/>; a field given here replaces the form's hidden one.</summary>
        public async Task<HttpResponseMessage> ResubmitAsync(IDocument page, params (string Name, object Value)[] fields)
        {
            var form = page.QuerySelector("#resubmit-form")!;
            using var content = new MultipartFormDataContent();
            foreach (var hidden in form.QuerySelectorAll("input[type=hidden]"))
            {
                var name = hidden.GetAttribute("name")!;
                if (fields.All(f => f.Name != name))
                {
                    content.Add(new StringContent(hidden.GetAttribute("value") ?? string.Empty), name);
                }
            }

            foreach (var (name, value) in fields)
            {
                if (value is Upload upload)
                {
                    var file = new ByteArrayContent(upload.Bytes);
                    file.Headers.ContentType = new MediaTypeHeaderValue(upload.ContentType);
                    content.Add(file, name, upload.FileName);
                }
                else
                {
                    content.Add(new StringContent((string)value), name);
                }
            }

            return await Client.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content);
        }
    }
}

public sealed class ResubmissionPathTestsOnSqlite(StaffSqliteAppFixture app) : ResubmissionPathTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class ResubmissionPathTestsOnPostgres(StaffPostgresAppFixture app) : ResubmissionPathTests(app), IClassFixture<StaffPostgresAppFixture>;
