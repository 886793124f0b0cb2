using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Fees.BankFiles;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.Fees;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Domain.Tests;
using static PrivacyDesk.Web.Tests.Staff.Requests.BackOffice;

namespace PrivacyDesk.Web.Tests.Staff.Fees;

/// <summary>
/// Bank files imported through /staff/fees/import as staff would: a matched credit moves its request from 手数料入金待ち
/// to 審査中 with its clock running again; the same file twice counts nothing twice; a bad file stores nothing.
/// </summary>
public abstract class FeeImportTests(AppFixture app)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));

    /// <summary>A credit sequence (照会番号) no other test in this class uses, so identities never collide.</summary>
    private static int NewSequence() => Random.Shared.Next(1, 999_999);

    [Fact]
    public async Task A_matched_transfer_puts_the_request_in_review_with_its_clock_running_and_a_second_import_counts_nothing()
    {
        var (id, reference) = await FileAsync(app, RequestFamily.Disclosure);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        Redirected(await AcceptIdentityAsync(staff.Client, id));
        Assert.Equal(RequestStatus.AwaitingFee, await StatusAsync(app, id));
        Assert.NotNull(await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.ClockPausedSince).SingleAsync()));

        var digits = ReferenceNumber.TransferDigits(reference);
        var file = ZenginFileBuilder.TransferNotice()
            .Credit(NewSequence(), Today, 1_000, $"{digits} ﾔﾏﾀﾞ ﾊﾅｺ")
            .Credit(NewSequence(), Today, 1_000, "ﾀｶﾊｼ ﾐｷ")
            .Build();

        var (status, page) = await ImportAsync(staff.Client, file, "zengin01.txt");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(page.QuerySelector("#error-summary"));
        var rows = page.QuerySelectorAll("#import-lines tbody tr").Select(r => r.GetAttribute("data-state") ?? string.Empty).ToArray();
        Assert.Equal(["Matched", "Unmatched"], rows);

        var request = await app.WithDbAsync(db => db.Requests.Include(r => r.Payments).SingleAsync(r => r.Id == id));
        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.Null(request.ClockPausedSince);
        Assert.NotNull(request.DueAt);
        var payment = Assert.Single(request.Payments);
        Assert.Equal(1_000, payment.AmountYen);
        Assert.NotNull(payment.CreditId);
        Assert.Contains(AuditActions.CreditMatched, await ActionsAsync(app, id));

        var credit = await app.WithDbAsync(db => db.ImportedCredits.SingleAsync(c => c.Id == payment.CreditId));
        Assert.Equal(CreditState.Matched, credit.State);
        Assert.Equal(MatchBasis.Reference, credit.Basis);

        // The same file again: both credits are recognised by their bank identity and nothing is added.
        var before = await app.WithDbAsync(db => db.ImportedCredits.CountAsync());
        var (_, again) = await ImportAsync(staff.Client, file, "zengin01.txt");
        Assert.Equal(["Duplicate", "Duplicate"], again.QuerySelectorAll("#import-lines tbody tr").Select(r => r.GetAttribute("data-state") ?? string.Empty));
        Assert.Equal(before, await app.WithDbAsync(db => db.ImportedCredits.CountAsync()));
        Assert.Single(await app.WithDbAsync(db => db.FeePayments.Where(p => EF.Property<Guid>(p, "RequestId") == id).ToListAsync()));
    }

    [Fact]
    public async Task A_file_with_a_wrong_trailer_total_is_refused_in_Japanese_and_nothing_is_imported()
    {
        var (id, reference) = await FileAsync(app, RequestFamily.Disclosure);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        Redirected(await AcceptIdentityAsync(staff.Client, id));
        var builder = ZenginFileBuilder.TransferNotice().Credit(NewSequence(), Today, 1_000, $"{ReferenceNumber.TransferDigits(reference)} ﾔﾏﾀﾞ ﾊﾅｺ");
        builder.TrailerTotalOverride = 2_000;
        var before = await app.WithDbAsync(db => db.ImportedCredits.CountAsync());

        var (status, page) = await ImportAsync(staff.Client, builder.Build(), "zengin01.txt");

        Assert.Equal(HttpStatusCode.OK, status);
        var error = page.QuerySelector("#import-error")!.TextContent;
        Assert.Contains("3件目のレコード", error, StringComparison.Ordinal);
        Assert.Contains("振込金額合計", error, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.ImportedCredits.CountAsync()));
        Assert.Equal(RequestStatus.AwaitingFee, await StatusAsync(app, id));
    }

    [Fact]
    public async Task A_utf8_file_is_refused_as_not_Shift_JIS()
    {
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var file = ZenginFileBuilder.TransferNotice().Credit(NewSequence(), Today, 1_000, "ﾔﾏﾀﾞ ﾊﾅｺ").Build();
        var utf8 = System.Text.Encoding.UTF8.GetBytes(ZenginFile.ShiftJis.GetString(file));

        var (_, page) = await ImportAsync(staff.Client, utf8, "zengin01.txt");

        Assert.Contains("Shift_JIS ではありません", page.QuerySelector("#import-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auditors_cannot_import()
    {
        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);

        using var response = await auditor.Client.GetAsync(new Uri("/staff/fees/import", UriKind.Relative));

        Assert.Contains("access-denied", StaffSignIn.Location(response), StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, IDocument Page)> ImportAsync(HttpClient client, byte[] file, string fileName)
    {
        var form = await client.GetDocumentAsync("/staff/fees/import");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(form.AntiforgeryToken()), "__RequestVerificationToken");
        var upload = new ByteArrayContent(file);
        upload.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(upload, "Upload", fileName);
        using var response = await client.PostAsync(new Uri("/staff/fees/import", UriKind.Relative), content);
        return (response.StatusCode, await Html.ParseAsync(response));
    }
}

public sealed class FeeImportTestsOnSqlite(StaffSqliteAppFixture app) : FeeImportTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class FeeImportTestsOnPostgres(StaffPostgresAppFixture app) : FeeImportTests(app), IClassFixture<StaffPostgresAppFixture>;
