using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Pages.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.Requests;

namespace PrivacyDesk.Web.Pages.Staff.Fees;

/// <summary>
/// 手数料の管理: credits that need staff beside the requests still owing a fee (match by hand, with a reason), and
/// the ledger of every payment and refund with its period and kind filters and CSV export. It shows payer names, so
/// it is for staff who work requests, and each view and export is audited.
/// </summary>
[Authorize(Policy = StaffPolicies.WorkRequests)]
[AuditsPersonalDataRead(AuditActions.FeesViewed)]
public sealed class IndexModel(
    FeeOverviewQuery query,
    BankFileImporter reconciliation,
    RequestWorkbench workbench,
    PrivacyDeskDbContext db,
    TimeProvider clock,
    IValidator<ManualMatchInput> validator) : PageModel, IAuditedRead
{
    private object? shown;

    public const int LedgerPageSize = 500;

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public LedgerKind Kind { get; set; }

    [BindProperty]
    public ManualMatchInput Match { get; set; } = new();

    public LedgerFilter Filter { get; private set; } = null!;
    public IReadOnlyList<OpenCredit> Credits { get; private set; } = [];
    public IReadOnlyList<UnpaidRequest> Unpaid { get; private set; } = [];
    public IReadOnlyList<LedgerEntry> Entries { get; private set; } = [];
    public IReadOnlyDictionary<string, string> StaffNames { get; private set; } = new Dictionary<string, string>();
    public long TotalYen { get; private set; }
    public int EntryCount { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Done = done == "matched" ? Localized.Text("入金を照合しました。", "The credit was matched.") : null;
        await LoadAsync(cancellationToken);
        shown = new { view = "overview", credits = Credits.Count, unpaid = Unpaid.Count, ledger = Entries.Count };
        return Page();
    }

    /// <summary>The ledger for the filter as CSV that Excel opens cleanly (UTF-8 with BOM, CRLF, formula guard).</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        Filter = ParseFilter();
        var entries = await query.Ledger(Filter).ToListAsync(cancellationToken);
        var names = await workbench.NamesAsync(entries.Select(e => e.RecordedBy), cancellationToken);
        shown = new { view = "ledger-csv", from = Filter.From, to = Filter.To, kind = Filter.Kind.ToString(), rows = entries.Count };

        Response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        await using (var csv = new ExcelCsvWriter(buffer))
        {
            await csv.WriteRowAsync("日付", "区分", "金額", "方法", "振込依頼人名", "受付番号", "照合", "記録者", "記録日時");
            foreach (var e in entries)
            {
                await csv.WriteRowAsync(
                    e.PaidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    e.AmountYen < 0 ? "返金" : "入金",
                    e.AmountYen,
                    Labels.PaymentMethod(e.Method).Japanese,
                    e.PayerName,
                    e.ReferenceNumber,
                    FeeLabels.Basis(e.Basis).Japanese,
                    names.GetValueOrDefault(e.RecordedBy, e.RecordedBy),
                    JapaneseText.ToJst(e.RecordedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }

            await csv.WriteRowAsync("合計", null, entries.Sum(e => (long)e.AmountYen), null, null, null, null, null, null);
        }

        return File(buffer.ToArray(), ExcelCsvWriter.ContentType,
            string.Create(CultureInfo.InvariantCulture, $"fee-ledger-{Filter.From:yyyyMMdd}-{Filter.To:yyyyMMdd}.csv"));
    }

    public AuditedRead? AuditedRead(string action) => new(null, shown);

    public async Task<IActionResult> OnPostMatchAsync(CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(Match, cancellationToken);
        if (!validation.IsValid)
        {
            Error = string.Join(" ", validation.Errors.Select(e => e.ErrorMessage));
            await LoadAsync(cancellationToken);
            return Page();
        }

        try
        {
            await reconciliation.MatchByHandAsync(Match.CreditId, Domain.Requests.ReferenceNumber.Normalize(Match.ReferenceNumber)!, Match.Reason!,
                RequestWorkbench.ActorOf(User), string.Join(",", User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value)), cancellationToken);
        }
        catch (DomainRuleException ex)
        {
            db.ChangeTracker.Clear();
            Error = Localized.Message(ex);
            await LoadAsync(cancellationToken);
            return Page();
        }

        return Redirect("/staff/fees?done=matched");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Filter = ParseFilter();
        Credits = await query.OpenCreditsAsync(cancellationToken);
        Unpaid = await query.UnpaidRequestsAsync(cancellationToken);
        var ledger = query.Ledger(Filter);
        EntryCount = await query.CountAsync(Filter, cancellationToken);
        Entries = await ledger.Take(LedgerPageSize).ToListAsync(cancellationToken);
        TotalYen = await query.TotalAsync(Filter, cancellationToken);
        StaffNames = await workbench.NamesAsync(Entries.Select(e => e.RecordedBy), cancellationToken);
    }

    /// <summary>The period asked for, or the current JST month; a reversed period is put the right way round.</summary>
    private LedgerFilter ParseFilter()
    {
        var today = JapaneseText.JstDate(clock.GetUtcNow());
        var from = Date(From) ?? new DateOnly(today.Year, today.Month, 1);
        var to = Date(To) ?? new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1);
        if (to < from)
        {
            (from, to) = (to, from);
        }

        From = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        To = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new LedgerFilter(from, to, Enum.IsDefined(Kind) ? Kind : LedgerKind.All);
    }

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
