using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Events;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.Fees.BankFiles;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Pages.Staff.Fees;

/// <summary>One credit of an imported file and what became of it; <see cref="State"/> null when it was already imported.</summary>
public sealed record ImportedLine(
    int RecordNumber,
    DateOnly BookedOn,
    long AmountYen,
    string PayerName,
    CreditState? State,
    MatchBasis? Basis,
    UnmatchedReason? Reason,
    long OverpaidYen,
    IReadOnlyList<string> ReferenceNumbers);

public sealed record ImportOutcome(Guid ImportId, BankFileFormat Format, IReadOnlyList<ImportedLine> Lines, int SkippedRecords)
{
    public int New => Lines.Count(l => l.State is not null);
    public int AlreadyImported => Lines.Count(l => l.State is null);
    public int Matched => Lines.Count(l => l.State is CreditState.Matched or CreditState.Overpaid);
    public int Unmatched => Lines.Count(l => l.State is CreditState.Unmatched);
}

/// <summary>
/// Imports a bank file: reads it whole (a fault refuses it before anything is stored), then, in one transaction under
/// the store's retrying execution strategy, skips credits already imported (by bank identity), matches the rest
/// (<see cref="FeeMatcher"/>), records the payments through <see cref="PrivacyRequest.RecordPayment"/> (which moves a
/// request waiting for its fee on to review and restarts its clock) and audits every match and every credit left
/// unmatched. All of it is committed, or none.
/// </summary>
public sealed class BankFileImporter(PrivacyDeskDbContext db, AuditTrail audit, TimeProvider clock, IOptions<BankFileOptions> options)
{
    private const int Attempts = 3;

    /// <summary>Reads the file as Zengin (by its header) or, for a .csv file, as a CSV statement. Throws <see cref="BankFileException"/>.</summary>
    public BankStatement Read(byte[] content, string? fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        var settings = options.Value;
        if (content.Length > settings.MaxFileBytes)
        {
            throw new BankFileException("bankfile.tooLarge",
                string.Create(CultureInfo.InvariantCulture, $"ファイルが大きすぎます（上限 {settings.MaxFileBytes / 1024:N0} KB）。"),
                string.Create(CultureInfo.InvariantCulture, $"The file is too large (limit {settings.MaxFileBytes / 1024:N0} KB)."));
        }

        var csv = fileName?.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) == true && !ZenginFile.LooksLikeZengin(content);
        return csv ? CsvStatementReader.Parse(content, settings.Csv) : ZenginFile.Parse(content, settings.ZenginDates);
    }

    public async Task<ImportOutcome> ImportAsync(byte[] content, string? fileName, string actor, string? actorRole, CancellationToken cancellationToken)
    {
        // Every event of the import (payments, matches, the file itself) is the importing person's: also from the command line.
        using var actingAs = audit.UseActor(actor, actorRole);
        var statement = Read(content, fileName);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.RetriedAsync(ct => ImportOnceAsync(statement, sha256, actor, actorRole, ct), cancellationToken);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another import stored one of these credits, or a colleague changed one of the requests, after this
                // attempt read them: start again from the store, where the credit is now a duplicate.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<ImportOutcome> ImportOnceAsync(BankStatement statement, string sha256, string actor, string? actorRole, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var importId = Guid.CreateVersion7();

        var keys = statement.Credits.Select(c => c.IdentityKey).Distinct(StringComparer.Ordinal).ToArray();
        var known = (await db.ImportedCredits.Where(c => keys.Contains(c.IdentityKey)).Select(c => c.IdentityKey).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var fresh = new List<BankCredit>();
        foreach (var credit in statement.Credits)
        {
            // A key seen in the store, or earlier in this file, is the same credit again.
            if (known.Add(credit.IdentityKey))
            {
                fresh.Add(credit);
            }
        }

        var requests = await LoadCandidatesAsync(fresh, ct);
        var matcher = new FeeMatcher(requests.Values.Select(r => new FeeAccount(
            r.Id, r.ReferenceNumber, r.PrincipalKanaKey, r.FeeDueYen, r.FeePaidYen, r.Agent?.SearchKana)));

        var results = new Dictionary<string, (CreditMatch Match, ImportedCredit Stored)>(StringComparer.Ordinal);
        foreach (var match in matcher.MatchAll(fresh))
        {
            var stored = new ImportedCredit(match, statement.Format, importId, actor, now);
            db.ImportedCredits.Add(stored);
            results[match.Credit.IdentityKey] = (match, stored);
            if (match.IsMatched)
            {
                RecordPayments(stored, match.Allocations, requests, byHand: false, actor, now);
            }
            else
            {
                audit.Raise(new CreditLeftUnmatched(stored.Id, importId, stored.AmountYen, stored.BookedOn, match.Reason?.ToString(), match.Candidates.Count));
            }
        }

        var lines = statement.Credits.Select(c => results.TryGetValue(c.IdentityKey, out var r) && r.Match.Credit == c
            ? new ImportedLine(c.RecordNumber, c.BookedOn, c.AmountYen, c.PayerName, r.Stored.State, r.Stored.Basis, r.Stored.Reason,
                r.Stored.OverpaidYen, [.. r.Match.Candidates.Select(id => requests[id].ReferenceNumber)])
            : new ImportedLine(c.RecordNumber, c.BookedOn, c.AmountYen, c.PayerName, null, null, null, 0, [])).ToArray();
        var outcome = new ImportOutcome(importId, statement.Format, lines, statement.SkippedRecords);

        audit.Raise(new BankFileImported(importId, statement.Format.ToString(), sha256, lines.Length, outcome.New, outcome.AlreadyImported,
            outcome.Matched, outcome.Unmatched, statement.SkippedRecords));

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return outcome;
    }

    /// <summary>
    /// Staff match an unmatched credit to one request by hand, with a reason: the whole amount is paid to that request
    /// (what exceeds its balance shows as overpaid, to refund), in one transaction, audited. Returns the request's id.
    /// Throws <see cref="Domain.DomainRuleException"/> when the credit is already matched or the request owes no fee.
    /// </summary>
    public async Task<Guid> MatchByHandAsync(Guid creditId, string referenceNumber, string reason, string actor, string? actorRole, CancellationToken cancellationToken)
    {
        using var actingAs = audit.UseActor(actor, actorRole);
        return (await db.RetriedAsync<object>(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var credit = await db.ImportedCredits.SingleOrDefaultAsync(c => c.Id == creditId, ct)
                         ?? throw new Domain.DomainRuleException("credit.notFound", "この入金は見つかりません。", "The credit was not found.");
            var request = await db.Requests.Include(r => r.Payments).SingleOrDefaultAsync(r => r.ReferenceNumber == referenceNumber, ct)
                          ?? throw new Domain.DomainRuleException("credit.requestNotFound",
                              $"受付番号 {referenceNumber} の請求は見つかりません。", $"No request has the reference number {referenceNumber}.");
            if (credit.AmountYen > int.MaxValue)
            {
                throw new Domain.DomainRuleException("credit.tooLarge", "金額が大きすぎます。", "The amount is too large.");
            }

            var amount = (int)credit.AmountYen;
            var now = clock.GetUtcNow();
            credit.MatchByHand(reason, Math.Max(0, amount - Math.Max(0, request.FeeDueYen - request.FeePaidYen)), actor, now);
            RecordPayments(credit, [new FeeAllocation(request.Id, amount)], new Dictionary<Guid, PrivacyRequest> { [request.Id] = request },
                byHand: true, actor, now);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return (object)request.Id;
        }, cancellationToken) is Guid id ? id : Guid.Empty);
    }

    /// <summary>
    /// Records the payments a credit makes, one per request, each referring to the credit, and audits each. The
    /// domain moves a request that waited only for its fee on to review and resumes its deadline clock.
    /// </summary>
    internal void RecordPayments(
        ImportedCredit credit,
        IReadOnlyList<FeeAllocation> allocations,
        IReadOnlyDictionary<Guid, PrivacyRequest> requests,
        bool byHand,
        string actor,
        DateTimeOffset now)
    {
        foreach (var allocation in allocations)
        {
            var request = requests[allocation.RequestId];
            var payment = new FeePayment(allocation.AmountYen, credit.BookedOn, PaymentMethod.BankTransfer, credit.PayerName, actor, now, credit.Id);
            request.RecordPayment(payment);
            audit.Raise(new CreditMatched(request.Id, credit.Id, payment.Id, credit.Basis?.ToString(), allocation.AmountYen, credit.OverpaidYen, byHand));
        }
    }

    /// <summary>
    /// The requests a credit may pay: those whose reference digits appear in a payer name (paid or not, so that a
    /// second payment shows as one), and every open request still owing a fee (for matching by name).
    /// </summary>
    private async Task<Dictionary<Guid, PrivacyRequest>> LoadCandidatesAsync(IReadOnlyList<BankCredit> credits, CancellationToken ct)
    {
        var references = credits.SelectMany(c => FeeMatcher.DigitRuns(c.PayerName)).SelectMany(CandidateReferences).Distinct().ToArray();
        var requests = await db.Requests
            .Include(r => r.Payments)
            .Include(r => r.Agent)
            .Where(r => r.FeeDueYen > 0
                        && (references.Contains(r.ReferenceNumber) || (r.IsOpen && r.Payments.Sum(p => p.AmountYen) < r.FeeDueYen)))
            .AsSplitQuery()
            .ToListAsync(ct);
        return requests.ToDictionary(r => r.Id);
    }

    /// <summary>Every reference number a run of digits could hold (a 4-digit year and a 6–9 digit sequence, anywhere in it).</summary>
    private static IEnumerable<string> CandidateReferences(string digits)
    {
        for (var start = 0; start + 10 <= digits.Length; start++)
        {
            for (var length = 10; length <= 13 && start + length <= digits.Length; length++)
            {
                var year = int.Parse(digits.AsSpan(start, 4), CultureInfo.InvariantCulture);
                var sequence = long.Parse(digits.AsSpan(start + 4, length - 4), CultureInfo.InvariantCulture);
                if (year >= 2000 && sequence > 0)
                {
                    yield return ReferenceNumber.Format(year, sequence);
                }
            }
        }
    }
}
