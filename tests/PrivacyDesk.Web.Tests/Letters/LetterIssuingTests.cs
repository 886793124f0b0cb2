using System.Net;
using System.Security.Cryptography;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Letters.Samples;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Staff;

namespace PrivacyDesk.Web.Tests.Letters;

/// <summary>
/// The letters page over real HTTP on each provider: preview (not stored, audited), issue (stored with its SHA-256,
/// audited, never changed afterwards), approval gate, closing the request, the member's notice and download,
/// who may do what, and concurrent edits.
/// </summary>
public abstract class LetterIssuingTests(AppFixture app)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);

    private async Task<(Guid Id, string Reference, string Token)> StoreAsync(LetterKind kind, bool approve = true)
    {
        var token = AccessToken.Create();
        return await app.WithDbAsync(async db =>
        {
            var reference = await new Data.ReferenceNumberAllocator(db).NextAsync(Now);
            var request = LetterSamples.For(kind, reference, approve);
            db.Requests.Add(request);
            db.Entry(request).Property(nameof(PrivacyRequest.AccessTokenHash)).CurrentValue = AccessToken.Hash(token);
            await db.SaveChangesAsync();
            return (request.Id, reference, token);
        });
    }

    private static string Url(Guid id) => $"/staff/requests/{id}/letters";

    private static async Task<HttpResponseMessage> IssueAsync(StaffSession staff, Guid id, LetterKind kind, int? version = null)
    {
        var page = await staff.Client.GetDocumentAsync(Url(id));
        var shown = version ?? int.Parse(page.QuerySelector($"tr[data-kind='{LetterKinds.Code(kind)}'] input[name=version]")?.GetAttribute("value")
            ?? page.QuerySelector("input[name=version]")?.GetAttribute("value") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        return await StaffSignIn.PostFormAsync(staff.Client, $"{Url(id)}?handler=Issue", page,
            new() { ["kind"] = LetterKinds.Code(kind), ["version"] = shown.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    private Task<List<string>> AuditActionsAsync(Guid id) =>
        app.WithDbAsync(db => db.AuditEvents.Where(e => e.RequestId == id).OrderBy(e => e.OccurredAt).Select(e => e.Action).ToListAsync());

    [Fact]
    public async Task Staff_preview_then_issue_and_the_issued_pdf_never_changes()
    {
        var (id, reference, _) = await StoreAsync(LetterKind.Acknowledgement);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);

        var page = await staff.Client.GetDocumentAsync(Url(id));
        Assert.NotNull(page.QuerySelector("#available tr[data-kind='acknowledgement'] button"));
        Assert.Contains(reference, page.Text(), StringComparison.Ordinal);

        using var preview = await staff.Client.GetAsync(new Uri($"{Url(id)}?handler=Preview&kind=acknowledgement", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("application/pdf", preview.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("inline", preview.Content.Headers.ContentDisposition?.ToString() ?? preview.Headers.GetValues("Content-Disposition").First(), StringComparison.Ordinal);
        Assert.Contains(reference, LetterPdf.Text(await preview.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Letters.CountAsync(l => l.RequestId == id)));
        Assert.Contains("letter.previewed", await AuditActionsAsync(id));

        using var issued = await IssueAsync(staff, id, LetterKind.Acknowledgement);
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var letter = await app.WithDbAsync(db => db.Letters.AsNoTracking().SingleAsync(l => l.RequestId == id));
        Assert.Equal("acknowledgement", letter.Kind);
        Assert.Equal(staff.UserId, letter.IssuedBy);

        // Stored sealed (not a PDF); the recorded hash is that of the plain PDF.
        Assert.False(letter.Pdf.AsSpan().StartsWith("%PDF"u8));
        var pdf = app.OpenPdf(letter);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), letter.Sha256);
        Assert.Contains("佐藤一郎様", LetterPdf.Text(pdf), StringComparison.Ordinal);
        Assert.Contains("letter.issued", await AuditActionsAsync(id));

        // Previewing again renders anew; the issued letter stays byte for byte what was issued.
        using (var again = await staff.Client.GetAsync(new Uri($"{Url(id)}?handler=Preview&kind=acknowledgement", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var stored = await app.WithDbAsync(db => db.Letters.AsNoTracking().SingleAsync(l => l.Id == letter.Id));
        Assert.Equal(letter.Pdf, stored.Pdf);
        Assert.Equal(letter.Sha256, stored.Sha256);

        using var download = await staff.Client.GetAsync(new Uri($"{Url(id)}?handler=Issued&letterId={letter.Id}", UriKind.Relative));
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());

        // The file is named with the reference number (issue 15): a folder of downloads says which request each answers.
        var referenceNumber = await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.ReferenceNumber).SingleAsync());
        var disposition = download.Content.Headers.ContentDisposition?.ToString() ?? string.Join(";", download.Headers.GetValues("Content-Disposition"));
        Assert.Contains($"filename=\"{referenceNumber}-acknowledgement-", disposition, StringComparison.Ordinal);
        using var print = await staff.Client.GetAsync(new Uri($"{Url(id)}?handler=Issued&letterId={letter.Id}&print=true", UriKind.Relative));
        Assert.StartsWith("inline", print.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        Assert.Contains("letter.downloaded", await AuditActionsAsync(id));

        // The request itself is not closed by a non-result letter.
        Assert.Equal(RequestStatus.Received, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_result_letter_waits_for_approval_then_closes_the_request_and_reaches_the_member()
    {
        var (id, reference, token) = await StoreAsync(LetterKind.ThirdPartyRecords, approve: false);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);

        var page = await staff.Client.GetDocumentAsync(Url(id));
        var row = page.QuerySelector("#available tr[data-kind='third-party-records']");
        Assert.NotNull(row);
        Assert.Null(row.QuerySelector("button"));
        Assert.Contains("承認されていない", row.TextContent, StringComparison.Ordinal);
        using (var refused = await IssueAsync(staff, id, LetterKind.ThirdPartyRecords))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("承認されていない", (await Html.ParseAsync(refused)).QuerySelector("#error-summary")?.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.Letters.CountAsync(l => l.RequestId == id)));

        await app.WithDbAsync(async db =>
        {
            var request = await db.Requests.Include(r => r.Decision).Include(r => r.StatusHistory).SingleAsync(r => r.Id == id);
            request.ApproveDecision(LetterSamples.Supervisor, Now);
            return await db.SaveChangesAsync();
        });

        using (var issued = await IssueAsync(staff, id, LetterKind.ThirdPartyRecords))
        {
            Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        }

        var (status, closedAt) = await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => new { r.Status, r.ClosedAt }).SingleAsync()
            .ContinueWith(t => (t.Result.Status, t.Result.ClosedAt), TaskScheduler.Default));
        Assert.Equal(RequestStatus.Closed, status);
        Assert.NotNull(closedAt);
        var letter = await app.WithDbAsync(db => db.Letters.AsNoTracking().SingleAsync(l => l.RequestId == id));

        // Electronic delivery: a notice in the outbox, with no more personal data than the acknowledgement mail.
        var mail = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.RequestId == id && m.Kind == "letter.issued"));
        Assert.Equal("hanako.yamada@example.jp", mail.ToAddress);
        Assert.Contains(reference, mail.Subject, StringComparison.Ordinal);
        var body = app.OpenBody(mail);
        Assert.Contains("/requests/status", body, StringComparison.Ordinal);
        Assert.DoesNotContain("阿佐谷", body, StringComparison.Ordinal);
        Assert.DoesNotContain("サンプル損害保険", body, StringComparison.Ordinal);

        // The member finds it on the status page and downloads exactly the issued PDF.
        using var member = app.Factory.CreateBrowserClient();
        var status2 = await member.GetDocumentAsync($"/requests/status?r={Uri.EscapeDataString(reference)}&t={Uri.EscapeDataString(token)}");
        var link = status2.QuerySelector("#letters a");
        Assert.NotNull(link);
        Assert.Contains("第三者提供記録開示決定通知書", link.TextContent, StringComparison.Ordinal);
        using var download = await member.GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(app.OpenPdf(letter), await download.Content.ReadAsByteArrayAsync());
        using var wrongToken = await member.GetAsync(new Uri($"/requests/status?handler=Letter&id={letter.Id}&r={reference}&t=wrong", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, wrongToken.StatusCode);

        var actions = await AuditActionsAsync(id);
        Assert.Contains("letter.issued", actions);
        Assert.Contains("letter.downloaded", actions);

        // Issued once: it cannot go out a second time.
        var after = await staff.Client.GetDocumentAsync(Url(id));
        Assert.Null(after.QuerySelector("#available tr[data-kind='third-party-records'] button"));
    }

    [Fact]
    public async Task Auditors_read_and_preview_but_cannot_issue()
    {
        var (id, _, _) = await StoreAsync(LetterKind.FeeNotice);
        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);

        var page = await auditor.Client.GetDocumentAsync(Url(id));
        Assert.NotNull(page.QuerySelector("#available tr[data-kind='fee-notice']"));
        Assert.Null(page.QuerySelector("#available button"));
        using (var preview = await auditor.Client.GetAsync(new Uri($"{Url(id)}?handler=Preview&kind=fee-notice", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        }

        // The form is not shown, so post with the antiforgery token of the page and the version from the database.
        var version = await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Version).SingleAsync());
        using var forbidden = await StaffSignIn.PostFormAsync(auditor.Client, $"{Url(id)}?handler=Issue", page,
            new() { ["kind"] = "fee-notice", ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.True(forbidden.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"got {forbidden.StatusCode}");
        if (forbidden.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Contains("access-denied", StaffSignIn.Location(forbidden), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.Letters.CountAsync(l => l.RequestId == id)));
        Assert.DoesNotContain("letter.issued", await AuditActionsAsync(id));

        using var anonymous = app.Factory.CreateBrowserClient();
        using var refused = await anonymous.GetAsync(new Uri($"{Url(id)}?handler=Preview&kind=fee-notice", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }

    [Fact]
    public async Task An_issue_from_an_outdated_page_is_refused_with_an_explanation_and_stores_nothing()
    {
        var (id, _, _) = await StoreAsync(LetterKind.NonDisclosure);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var page = await staff.Client.GetDocumentAsync(Url(id));

        // Someone else changes the request after the page was shown.
        await app.WithDbAsync(async db =>
        {
            var request = await db.Requests.SingleAsync(r => r.Id == id);
            request.AssignTo("someone-else", "someone-else", Now);
            return await db.SaveChangesAsync();
        });

        var shown = page.QuerySelector("tr[data-kind='non-disclosure'] input[name=version]")!.GetAttribute("value")!;
        using var conflict = await StaffSignIn.PostFormAsync(staff.Client, $"{Url(id)}?handler=Issue", page,
            new() { ["kind"] = "non-disclosure", ["version"] = shown });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var body = await Html.ParseAsync(conflict);
        // The conflict names what changed, from the audit trail (the request pages' one explanation).
        var summary = body.QuerySelector("#error-summary")?.TextContent;
        Assert.Contains("この請求は、画面を開いた後に", summary, StringComparison.Ordinal);
        Assert.Contains("担当者を変更", summary, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Letters.CountAsync(l => l.RequestId == id)));
        Assert.Equal(RequestStatus.Decided, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));

        // From the fresh page it goes through, closes the request, and the old page cannot issue twice.
        using (var ok = await IssueAsync(staff, id, LetterKind.NonDisclosure))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }

        using var twice = await StaffSignIn.PostFormAsync(staff.Client, $"{Url(id)}?handler=Issue", page,
            new() { ["kind"] = "non-disclosure", ["version"] = shown });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Letters.CountAsync(l => l.RequestId == id)));
        Assert.Equal(RequestStatus.Closed, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task Unknown_kinds_letters_and_requests_are_not_found()
    {
        var (id, _, _) = await StoreAsync(LetterKind.Acknowledgement);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        foreach (var url in new[]
                 {
                     $"{Url(id)}?handler=Preview&kind=nonsense",
                     $"{Url(id)}?handler=Preview&kind=non-disclosure", // no decision: does not apply
                     $"{Url(id)}?handler=Issued&letterId={Guid.NewGuid()}",
                     Url(Guid.NewGuid()),
                 })
        {
            using var response = await staff.Client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {response.StatusCode}");
        }
    }
}

public sealed class LetterIssuingTestsOnSqlite(StaffSqliteAppFixture app) : LetterIssuingTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class LetterIssuingTestsOnPostgres(StaffPostgresAppFixture app) : LetterIssuingTests(app), IClassFixture<StaffPostgresAppFixture>;
