using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Letters.Samples;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Letters;

namespace PrivacyDesk.Web.Tests.Staff.Fees;

/// <summary>
/// 領収書 over real HTTP on each provider: issued from the fee page for one payment, through the letters' path (sealed,
/// SHA-256, letter.issued from the LetterIssued event), once per payment, never for a refund, downloaded by the member
/// from the status page (electronic delivery); auditors cannot issue.
/// </summary>
public abstract class FeeReceiptTests(AppFixture app)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);

    private async Task<(Guid Id, string Reference, string Token, Guid PaymentId)> StoreAsync(bool withRefund = false)
    {
        var token = AccessToken.Create();
        return await app.WithDbAsync(async db =>
        {
            var reference = await new Data.ReferenceNumberAllocator(db).NextAsync(Now);
            var request = LetterSamples.For(LetterKind.Receipt, reference);
            if (withRefund)
            {
                request.RecordPayment(FeePayment.Refund(1_000, new DateOnly(2026, 11, 26), PaymentMethod.BankTransfer, null, LetterSamples.Staff, Now));
            }

            db.Requests.Add(request);
            db.Entry(request).Property(nameof(PrivacyRequest.AccessTokenHash)).CurrentValue = AccessToken.Hash(token);
            await db.SaveChangesAsync();
            return (request.Id, reference, token, request.Payments.Single(p => p.AmountYen > 0).Id);
        });
    }

    private static string Url(Guid id) => $"/staff/requests/{id}/fee";

    private static Task<HttpResponseMessage> IssueAsync(HttpClient client, Guid id, IDocument page, Guid paymentId, int version) =>
        StaffSignIn.PostFormAsync(client, $"{Url(id)}?handler=Receipt", page,
            new() { ["paymentId"] = paymentId.ToString(), ["Version"] = version.ToString(CultureInfo.InvariantCulture) });

    private static int ShownVersion(IDocument page) =>
        int.Parse(page.QuerySelector("#payments input[name=Version]")!.GetAttribute("value")!, CultureInfo.InvariantCulture);

    private Task<List<string>> AuditActionsAsync(Guid id) =>
        app.WithDbAsync(db => db.AuditEvents.Where(e => e.RequestId == id).OrderBy(e => e.OccurredAt).Select(e => e.Action).ToListAsync());

    [Fact]
    public async Task Staff_issue_a_receipt_from_the_fee_page_once_and_the_member_downloads_it()
    {
        var (id, reference, token, paymentId) = await StoreAsync();
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);

        var page = await staff.Client.GetDocumentAsync(Url(id));
        Assert.NotNull(page.QuerySelector($"#issue-receipt-{paymentId}"));
        var version = ShownVersion(page);
        using (var issued = await IssueAsync(staff.Client, id, page, paymentId, version))
        {
            Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        }

        // The receipt is a letter whose id is the payment's: sealed, with the SHA-256 of the plain PDF.
        var letter = await app.WithDbAsync(db => db.Letters.AsNoTracking().SingleAsync(l => l.RequestId == id));
        Assert.Equal(paymentId, letter.Id);
        Assert.Equal("receipt", letter.Kind);
        Assert.Equal(staff.UserId, letter.IssuedBy);
        Assert.False(letter.Pdf.AsSpan().StartsWith("%PDF"u8));
        var pdf = app.OpenPdf(letter);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), letter.Sha256);
        var text = LetterPdf.Text(pdf);
        Assert.Contains("領収書", text, StringComparison.Ordinal);
        Assert.Contains("山田花子様", text, StringComparison.Ordinal);
        Assert.Contains("金1,000円也", text, StringComparison.Ordinal);
        Assert.Contains("但し個人情報開示等手数料として", text, StringComparison.Ordinal);
        Assert.Contains($"受付番号{reference}", text, StringComparison.Ordinal);
        Assert.Contains("入金日令和8年11月20日", text, StringComparison.Ordinal);
        Assert.Contains("発行日令和", text, StringComparison.Ordinal);
        Assert.Contains("生活クラブ事業連合生活協同組合連合会", text, StringComparison.Ordinal);
        Assert.Contains("letter.issued", await AuditActionsAsync(id));

        // The page now links to the issued receipt instead of the button; a second issue (replayed form) is refused.
        var after = await staff.Client.GetDocumentAsync(Url(id));
        Assert.Contains("領収書を発行しました", after.QuerySelector("#done-message")?.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector($"#issue-receipt-{paymentId}"));
        var link = after.QuerySelector($"#receipt-{paymentId}")?.GetAttribute("href");
        Assert.NotNull(link);
        using (var staffDownload = await staff.Client.GetAsync(new Uri(link, UriKind.Relative)))
        {
            Assert.Equal(pdf, await staffDownload.Content.ReadAsByteArrayAsync());
        }

        var currentVersion = await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Version).SingleAsync());
        using (var again = await IssueAsync(staff.Client, id, after, paymentId, currentVersion))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
            Assert.Contains("発行済み", (await Html.ParseAsync(again)).QuerySelector("#error-message")?.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(1, await app.WithDbAsync(db => db.Letters.CountAsync(l => l.RequestId == id)));

        // Electronic delivery: the member sees it on the status page and downloads exactly the issued PDF.
        using var member = app.Factory.CreateBrowserClient();
        var status = await member.GetDocumentAsync($"/requests/status?r={Uri.EscapeDataString(reference)}&t={Uri.EscapeDataString(token)}");
        var memberLink = status.QuerySelectorAll("#letters a").FirstOrDefault(a => a.TextContent.Contains("領収書", StringComparison.Ordinal));
        Assert.NotNull(memberLink);
        using var download = await member.GetAsync(new Uri(memberLink.GetAttribute("href")!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_refund_has_no_receipt_button_and_a_posted_one_is_refused()
    {
        var (id, _, _, _) = await StoreAsync(withRefund: true);
        var refundId = await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).SelectMany(r => r.Payments).Where(p => p.AmountYen < 0).Select(p => p.Id).SingleAsync());
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);

        var page = await staff.Client.GetDocumentAsync(Url(id));
        Assert.Equal(1, page.QuerySelectorAll("#payments button").Length);
        Assert.Null(page.QuerySelector($"#issue-receipt-{refundId}"));

        using var refused = await IssueAsync(staff.Client, id, page, refundId, ShownVersion(page));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("返金には領収書を発行しません", (await Html.ParseAsync(refused)).QuerySelector("#error-message")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Letters.CountAsync(l => l.RequestId == id)));
    }

    [Fact]
    public async Task Auditors_cannot_issue_a_receipt()
    {
        var (id, _, _, paymentId) = await StoreAsync();
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var staffPage = await staff.Client.GetDocumentAsync(Url(id));
        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);

        // The auditor may read the letters page, whose antiforgery token is the auditor's own.
        var page = await auditor.Client.GetDocumentAsync($"/staff/requests/{id}/letters");
        using var forbidden = await IssueAsync(auditor.Client, id, page, paymentId, ShownVersion(staffPage));
        Assert.True(forbidden.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"got {forbidden.StatusCode}");
        if (forbidden.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Contains("access-denied", StaffSignIn.Location(forbidden), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.Letters.CountAsync(l => l.RequestId == id)));
        Assert.DoesNotContain("letter.issued", await AuditActionsAsync(id));
    }
}

public sealed class FeeReceiptTestsOnSqlite(StaffSqliteAppFixture app) : FeeReceiptTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class FeeReceiptTestsOnPostgres(StaffPostgresAppFixture app) : FeeReceiptTests(app), IClassFixture<StaffPostgresAppFixture>;
