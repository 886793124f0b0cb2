using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.ProvisionRecords;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Letters.Samples;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.Letters;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Staff;

namespace PrivacyDesk.Web.Tests.Letters;

/// <summary>
/// The disclosure package (issue 13 item 8): with electronic delivery, each disclosing result letter is issued with a
/// CSV of exactly its kind's items (UTF-8 with BOM, CRLF, quoted, formula cells neutralised), stored sealed with its
/// SHA-256, downloadable by staff and by the member who holds the status code, every download audited.
/// </summary>
public abstract class DisclosurePackageTests(AppFixture app)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);

    // Typed by staff: a value with a comma and quotes, a phone number that Excel would read as a formula, a formula.
    private const string PersonalData = "氏名：山田 花子\n住所：東京都杉並区阿佐谷南1-2-3\n電話番号：+81-3-1234-5678\n購入品：りんご, \"ふじ\"\n備考：=1+1";

    private static string[][] ExpectedPersonalData =>
    [
        ["番号", "項目", "内容"],
        ["1", "氏名", "山田 花子"],
        ["2", "住所", "東京都杉並区阿佐谷南1-2-3"],
        ["3", "電話番号", "'+81-3-1234-5678"],
        ["4", "購入品", "りんご, \"ふじ\""],
        ["5", "備考", "'=1+1"],
    ];

    private static ProvisionRecord Record(string counterparty, DateOnly on, string items) => new(
        new ProvisionRecordDraft(ProvisionDirection.Provided, on, null, counterparty, "東京都千代田区1-1", "代表 太郎", true,
            "2026000123", "山田 花子", "ヤマダ ハナコ", new DateOnly(1980, 4, 1), items, ProvisionBasis.Consent, null, false, "社内メモ：開示しない"),
        Guid.NewGuid().ToString("N"), Guid.NewGuid(), "staff", Now);

    private async Task<(Guid Id, string Reference, string Token, Guid[] Selected)> StoreAsync(DeliveryMethod delivery)
    {
        var token = AccessToken.Create();
        return await app.WithDbAsync(async db =>
        {
            // An imported record whose recipient is a formula: the attacker's cell must not run in the member's Excel.
            var selected = new[] { Record("=HYPERLINK(\"http://evil.example/\",\"開く\")", new DateOnly(2026, 5, 10), "氏名、住所"), Record("サンプル損害保険株式会社", new DateOnly(2026, 4, 1), "氏名、生年月日") };
            var other = Record("選ばれない株式会社", new DateOnly(2026, 6, 1), "氏名");
            db.ProvisionRecords.AddRange([.. selected, other]);
            var reference = await new Data.ReferenceNumberAllocator(db).NextAsync(Now);
            var request = LetterSamples.Decided(RequestFamily.Disclosure,
            [
                new KindDecision(RequestKind.Disclosure, KindOutcome.FullDisclosure, null, null, content: PersonalData),
                new KindDecision(RequestKind.ThirdPartyProvisionRecordDisclosure, KindOutcome.FullDisclosure, null, null,
                    content: string.Join("\n", selected.SelectMany(r => r.DisclosureLines())), provisionRecordIds: selected.Select(r => r.Id)),
            ], delivery, reference);
            db.Requests.Add(request);
            db.Entry(request).Property(nameof(PrivacyRequest.AccessTokenHash)).CurrentValue = AccessToken.Hash(token);
            await db.SaveChangesAsync();
            return (request.Id, reference, token, selected.Select(r => r.Id).ToArray());
        });
    }

    private static string Url(Guid id) => $"/staff/requests/{id}/letters";

    private static async Task IssueAsync(StaffSession staff, Guid id, LetterKind kind)
    {
        var page = await staff.Client.GetDocumentAsync(Url(id));
        var version = page.QuerySelector($"tr[data-kind='{LetterKinds.Code(kind)}'] input[name=version]")!.GetAttribute("value")!;
        using var issued = await StaffSignIn.PostFormAsync(staff.Client, $"{Url(id)}?handler=Issue", page,
            new() { ["kind"] = LetterKinds.Code(kind), ["version"] = version });
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
    }

    /// <summary>Read back with CsvHelper (the library the register's import uses), after the BOM.</summary>
    private static string[][] Parse(byte[] csv)
    {
        var text = Encoding.UTF8.GetString(csv.AsSpan(3));
        using var reader = CsvReader.FromText(text, CsvReaderOptions.Default with { HasHeader = false, MalformedData = CsvMalformedDataHandling.Throw });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i) ?? string.Empty).ToArray());
        }

        return [.. rows];
    }

    private Task<List<string>> ActionsAsync(Guid id) =>
        app.WithDbAsync(db => db.AuditEvents.Where(e => e.RequestId == id).Select(e => e.Action).ToListAsync());

    [Fact]
    public async Task Electronic_delivery_gets_one_csv_per_disclosed_kind_with_exactly_its_items_for_staff_and_the_member()
    {
        var (id, reference, token, _) = await StoreAsync(DeliveryMethod.Electronic);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        await IssueAsync(staff, id, LetterKind.DisclosureDecision);
        await IssueAsync(staff, id, LetterKind.ThirdPartyRecords);

        var letters = await app.WithDbAsync(db => db.Letters.AsNoTracking().Where(l => l.RequestId == id).ToListAsync());
        Assert.Equal(
            new[] { "disclosure-decision", DisclosureCsv.PersonalDataCode, "third-party-records", DisclosureCsv.RecordsCode }.Order(StringComparer.Ordinal),
            letters.Select(l => l.Kind).Order(StringComparer.Ordinal));
        var personal = letters.Single(l => l.Kind == DisclosureCsv.PersonalDataCode);
        var records = letters.Single(l => l.Kind == DisclosureCsv.RecordsCode);

        // Sealed at rest like the letters; the recorded hash is that of the plain CSV.
        var personalCsv = app.OpenPdf(personal);
        var recordsCsv = app.OpenPdf(records);
        Assert.False(personal.Pdf.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }));
        foreach (var (row, csv) in new[] { (personal, personalCsv), (records, recordsCsv) })
        {
            Assert.True(csv.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), "BOM");
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(csv)), row.Sha256);
            var text = Encoding.UTF8.GetString(csv);
            Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }

        Assert.Equal(ExpectedPersonalData, Parse(personalCsv));

        // Exactly the two selected records, by date, with the register's fields; the staff note stays internal and the
        // formula in the imported recipient is text.
        var recordRows = Parse(recordsCsv);
        Assert.Equal(DisclosureCsv.RecordsHeader, recordRows[0]);
        Assert.Equal(3, recordRows.Length);
        Assert.Equal(["1", "提供", "2026-04-01", "", "サンプル損害保険株式会社", "東京都千代田区1-1", "代表 太郎", "2026000123", "山田 花子", "ヤマダ ハナコ", "1980-04-01", "氏名、生年月日", ProvisionRecordRules.BasisLabel(ProvisionBasis.Consent).Japanese, ""], recordRows[1]);
        Assert.Equal("'=HYPERLINK(\"http://evil.example/\",\"開く\")", recordRows[2][4]);
        Assert.Equal("2026-05-10", recordRows[2][2]);
        Assert.DoesNotContain(recordRows, r => r.Contains("選ばれない株式会社"));
        Assert.DoesNotContain("社内メモ", Encoding.UTF8.GetString(recordsCsv), StringComparison.Ordinal);

        // Each CSV's issue is in the audit as a letter's.
        Assert.Equal(4, (await ActionsAsync(id)).Count(a => a == "letter.issued"));

        // Staff download it from the letters page, named with the reference number, and the read is recorded.
        var page = await staff.Client.GetDocumentAsync(Url(id));
        Assert.Contains("開示する保有個人データ（CSV形式）", page.QuerySelector($"tr[data-letter='{personal.Id}']")!.TextContent, StringComparison.Ordinal);
        using (var download = await staff.Client.GetAsync(new Uri($"{Url(id)}?handler=Issued&letterId={records.Id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
            var bytes = await download.Content.ReadAsByteArrayAsync();
            Assert.Equal(records.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            var disposition = download.Content.Headers.ContentDisposition?.ToString() ?? string.Join(";", download.Headers.GetValues("Content-Disposition"));
            Assert.Contains($"{reference}-{DisclosureCsv.RecordsCode}-", disposition, StringComparison.Ordinal);
            Assert.Contains(".csv\"", disposition, StringComparison.Ordinal);
        }

        var downloadsBefore = (await ActionsAsync(id)).Count(a => a == "letter.downloaded");
        Assert.Equal(1, downloadsBefore);

        // The member finds both CSVs beside the PDFs and downloads exactly the recorded bytes.
        using var member = app.Factory.CreateBrowserClient();
        var status = await member.GetDocumentAsync($"/requests/status?r={Uri.EscapeDataString(reference)}&t={Uri.EscapeDataString(token)}");
        var links = status.QuerySelectorAll("#letters a").ToList();
        Assert.Equal(4, links.Count);
        var csvLink = links.Single(a => a.GetAttribute("href")!.Contains(personal.Id.ToString(), StringComparison.Ordinal));
        Assert.Contains("開示する保有個人データ（CSV形式）", csvLink.TextContent, StringComparison.Ordinal);
        using (var download = await member.GetAsync(new Uri(csvLink.GetAttribute("href")!, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal("utf-8", download.Content.Headers.ContentType?.CharSet);
            var bytes = await download.Content.ReadAsByteArrayAsync();
            Assert.Equal(personal.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Contains($"{reference}-{DisclosureCsv.PersonalDataCode}.csv", download.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(2, (await ActionsAsync(id)).Count(a => a == "letter.downloaded"));

        // Another member's reference and status code do not open it, nor does this reference with their code.
        var (_, otherReference, otherToken, _) = await StoreAsync(DeliveryMethod.Electronic);
        foreach (var (r, t) in new[] { (otherReference, otherToken), (reference, otherToken) })
        {
            using var refused = await member.GetAsync(new Uri(
                $"/requests/status?handler=Letter&id={personal.Id}&r={Uri.EscapeDataString(r)}&t={Uri.EscapeDataString(t)}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        Assert.Equal(2, (await ActionsAsync(id)).Count(a => a == "letter.downloaded"));
    }

    [Fact]
    public async Task Postal_delivery_gets_the_letters_and_no_csv()
    {
        var (id, _, _, _) = await StoreAsync(DeliveryMethod.Post);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        await IssueAsync(staff, id, LetterKind.DisclosureDecision);
        await IssueAsync(staff, id, LetterKind.ThirdPartyRecords);

        var kinds = await app.WithDbAsync(db => db.Letters.AsNoTracking().Where(l => l.RequestId == id).Select(l => l.Kind).ToListAsync());
        Assert.Contains("disclosure-decision", kinds);
        Assert.Contains("third-party-records", kinds);
        Assert.DoesNotContain(kinds, DisclosureCsv.IsCsv);
    }

    [Fact]
    public void Every_formula_lead_is_neutralised_and_plain_text_is_kept()
    {
        foreach (var cell in new[] { "=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\r=1" })
        {
            Assert.Equal("'" + cell, DisclosureCsv.Neutralise(cell));
        }

        foreach (var cell in new[] { "", "山田", "2026-04-01", "a=b", "＝全角" })
        {
            Assert.Equal(cell, DisclosureCsv.Neutralise(cell));
        }
    }
}

public sealed class DisclosurePackageTestsOnSqlite(StaffSqliteAppFixture app) : DisclosurePackageTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class DisclosurePackageTestsOnPostgres(StaffPostgresAppFixture app) : DisclosurePackageTests(app), IClassFixture<StaffPostgresAppFixture>;
