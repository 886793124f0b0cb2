using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Fees.BankFiles;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Tests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.Fees;
using PrivacyDesk.Web.Pages.Staff.Dashboard;
using PrivacyDesk.Web.Tests.Infrastructure;
using static PrivacyDesk.Web.Tests.Staff.Requests.BackOffice;

namespace PrivacyDesk.Web.Tests.Staff.Fees;

/// <summary>
/// /staff/fees: an unmatched credit matched by hand with a reason, the ledger's CSV (BOM, CRLF, formula guard), and its
/// totals against the dashboard's fee income.
/// </summary>
public abstract class FeeOverviewTests(AppFixture app)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));

    [Fact]
    public async Task An_unmatched_credit_is_matched_by_hand_with_a_reason_and_the_ledger_agrees_with_the_dashboard()
    {
        var (id, reference) = await FileAsync(app, RequestFamily.Disclosure);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        Redirected(await AcceptIdentityAsync(staff.Client, id));

        // A payer who wrote no reference and whose name is not the member's: nothing can match it automatically.
        var file = ZenginFileBuilder.AccountStatement().Credit(Random.Shared.Next(1, 99_999_999), Today, 1_000, "=ﾀﾅｶ ｹﾝ").Build();
        await ImportAsync(staff.Client, file);
        var creditId = await app.WithDbAsync(db => db.ImportedCredits
            .Where(c => c.PayerName == "=ﾀﾅｶ ｹﾝ" && c.State == CreditState.Unmatched).Select(c => c.Id).SingleAsync());

        var page = await staff.Client.GetDocumentAsync("/staff/fees");
        Assert.NotNull(page.QuerySelector($"[data-credit='{creditId}']"));
        Assert.NotNull(page.QuerySelector($"#unpaid [data-request='{id}']"));

        // Without a reason nothing is matched.
        using (var refused = await PostAsync(staff.Client, "/staff/fees?handler=Match", page, $"[data-credit='{creditId}'] form",
                   [F("Match.ReferenceNumber", reference), F("Match.Reason", " ")]))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("理由を入力してください", (await Html.ParseAsync(refused)).QuerySelector("#match-error")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(RequestStatus.AwaitingFee, await StatusAsync(app, id));

        using (var matched = await PostAsync(staff.Client, "/staff/fees?handler=Match", page, $"[data-credit='{creditId}'] form",
                   [F("Match.ReferenceNumber", reference.Replace("-", string.Empty, StringComparison.Ordinal)), F("Match.Reason", "電話で本人に確認（家族名義の振込）")]))
        {
            Redirected(matched, "/staff/fees");
        }

        Assert.Equal(RequestStatus.InReview, await StatusAsync(app, id));
        var credit = await app.WithDbAsync(db => db.ImportedCredits.SingleAsync(c => c.Id == creditId));
        Assert.Equal(CreditState.Matched, credit.State);
        Assert.Equal(MatchBasis.Manual, credit.Basis);
        Assert.Equal("電話で本人に確認（家族名義の振込）", credit.ManualReason);
        Assert.Contains(AuditActions.CreditMatchedByHand, await ActionsAsync(app, id));

        // The ledger of this month: its total equals the dashboard's fee income for the month.
        var first = new DateOnly(Today.Year, Today.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var ledger = await staff.Client.GetDocumentAsync($"/staff/fees?From={first:yyyy-MM-dd}&To={last:yyyy-MM-dd}");
        var ledgerTotal = long.Parse(ledger.QuerySelector("#ledger-total strong")!.GetAttribute("data-yen")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotNull(ledger.QuerySelector($"#ledger-table [data-payment]"));
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var snapshot = await scope.ServiceProvider.GetRequiredService<DashboardQuery>().GetAsync();
            var month = snapshot.FeeIncome.Single(m => m.Year == Today.Year && m.Month == Today.Month);
            Assert.Equal(month.AmountYen, ledgerTotal);
        }

        // The CSV: BOM, CRLF, the payer name that looks like a formula made text, the same total.
        using var csv = await staff.Client.GetAsync(new Uri($"/staff/fees?handler=Csv&From={first:yyyy-MM-dd}&To={last:yyyy-MM-dd}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"'=ﾀﾅｶ ｹﾝ\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=", text, StringComparison.Ordinal);
        var totalLine = text.Split("\r\n").Single(l => l.StartsWith("\"合計\"", StringComparison.Ordinal));
        Assert.Equal(ledgerTotal.ToString(System.Globalization.CultureInfo.InvariantCulture), totalLine.Split(',')[2]);
    }

    [Fact]
    public async Task Auditors_do_not_see_payer_names()
    {
        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);

        using var response = await auditor.Client.GetAsync(new Uri("/staff/fees", UriKind.Relative));

        Assert.Contains("access-denied", StaffSignIn.Location(response), StringComparison.Ordinal);
    }

    private static async Task ImportAsync(HttpClient client, byte[] file)
    {
        var form = await client.GetDocumentAsync("/staff/fees/import");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(form.AntiforgeryToken()), "__RequestVerificationToken");
        var upload = new ByteArrayContent(file);
        upload.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(upload, "Upload", "zengin03.txt");
        using var response = await client.PostAsync(new Uri("/staff/fees/import", UriKind.Relative), content);
        var page = await Html.ParseAsync(response);
        Assert.Null(page.QuerySelector("#error-summary"));
    }
}

public sealed class FeeOverviewTestsOnSqlite(StaffSqliteAppFixture app) : FeeOverviewTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class FeeOverviewTestsOnPostgres(StaffPostgresAppFixture app) : FeeOverviewTests(app), IClassFixture<StaffPostgresAppFixture>;
