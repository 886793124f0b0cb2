using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.Fees.BankFiles;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Pages.Staff.Fees;

public enum LedgerKind
{
    All = 0,
    Payments = 1,
    Refunds = 2,
}

/// <summary>A credit that needs staff: unmatched (to match by hand or refund) or overpaid (to refund).</summary>
public sealed record OpenCredit(Guid Id, DateOnly BookedOn, long AmountYen, string PayerName, CreditState State, UnmatchedReason? Reason, long OverpaidYen);

/// <summary>An open request still owing part of its fee.</summary>
public sealed record UnpaidRequest(Guid Id, string ReferenceNumber, string Kana, int DueYen, int PaidYen, Domain.Requests.RequestStatus Status, DateTimeOffset ReceivedAt)
{
    public int BalanceYen => DueYen - PaidYen;
}

/// <summary>One payment or refund of the ledger.</summary>
public sealed record LedgerEntry(
    Guid Id, DateOnly PaidOn, int AmountYen, PaymentMethod Method, string? PayerName, Guid RequestId, string ReferenceNumber,
    string RecordedBy, DateTimeOffset RecordedAt, MatchBasis? Basis);

public sealed record LedgerFilter(DateOnly From, DateOnly To, LedgerKind Kind);

/// <summary>
/// What /staff/fees shows: credits and unpaid requests side by side, and the ledger of every payment and refund. The
/// ledger sums FeePayments by their PaidOn exactly as the dashboard's fee income does, so a month here and there agree.
/// </summary>
public sealed class FeeOverviewQuery(PrivacyDeskDbContext db)
{
    public const int ListLimit = 200;

    public async Task<IReadOnlyList<OpenCredit>> OpenCreditsAsync(CancellationToken ct) =>
        await db.ImportedCredits.AsNoTracking()
            .Where(c => c.State == CreditState.Unmatched || c.State == CreditState.Overpaid)
            .OrderBy(c => c.BookedOn).ThenBy(c => c.Id)
            .Take(ListLimit)
            .Select(c => new OpenCredit(c.Id, c.BookedOn, c.AmountYen, c.PayerName, c.State, c.Reason, c.OverpaidYen))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<UnpaidRequest>> UnpaidRequestsAsync(CancellationToken ct) =>
        await db.Requests.AsNoTracking()
            .Where(r => r.IsOpen && r.FeeDueYen > 0 && r.Payments.Sum(p => p.AmountYen) < r.FeeDueYen)
            .OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id)
            .Take(ListLimit)
            .Select(r => new UnpaidRequest(r.Id, r.ReferenceNumber, r.Principal.FullNameKana, r.FeeDueYen, r.Payments.Sum(p => p.AmountYen), r.Status, r.ReceivedAt))
            .ToListAsync(ct);

    public IQueryable<LedgerEntry> Ledger(LedgerFilter filter) =>
        from p in Payments(filter)
        join r in db.Requests.AsNoTracking() on EF.Property<Guid>(p, "RequestId") equals r.Id
        join c in db.ImportedCredits.AsNoTracking() on p.CreditId equals c.Id into credits
        from c in credits.DefaultIfEmpty()
        orderby p.PaidOn, p.RecordedAt, p.Id
        select new LedgerEntry(p.Id, p.PaidOn, p.AmountYen, p.Method, p.PayerName, r.Id, r.ReferenceNumber, p.RecordedBy, p.RecordedAt,
            c == null ? null : c.Basis);

    /// <summary>The net total of the ledger for the filter (refunds negative), summed in the store.</summary>
    public async Task<long> TotalAsync(LedgerFilter filter, CancellationToken ct) =>
        await Payments(filter).SumAsync(p => (long)p.AmountYen, ct);

    public async Task<int> CountAsync(LedgerFilter filter, CancellationToken ct) => await Payments(filter).CountAsync(ct);

    /// <summary>The payments and refunds of the period and kind, by PaidOn as the dashboard counts them.</summary>
    private IQueryable<FeePayment> Payments(LedgerFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var payments = db.FeePayments.AsNoTracking().Where(p => p.PaidOn >= filter.From && p.PaidOn <= filter.To);
        return filter.Kind switch
        {
            LedgerKind.Payments => payments.Where(p => p.AmountYen > 0),
            LedgerKind.Refunds => payments.Where(p => p.AmountYen < 0),
            _ => payments,
        };
    }
}
