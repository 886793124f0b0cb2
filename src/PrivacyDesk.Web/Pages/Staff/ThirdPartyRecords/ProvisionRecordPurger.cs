using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Events;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Pages.Staff.ThirdPartyRecords;

/// <summary>
/// Purges the register's records whose period of 施行規則第14条 has ended (counted from the last day of provision):
/// the personal data is emptied, the row stays as the tombstone, one audit event per record, in batches. Run by the
/// retention purge (Retention/RetentionPurger: the daily job and <c>purge-documents</c>). Idempotent: a purged row is
/// never picked again, and two instances at once purge each row once (PurgedAt is a concurrency token: the second update finds no row and its batch, events included, rolls back).
/// </summary>
public sealed class ProvisionRecordPurger(PrivacyDeskDbContext db, AuditTrail audit, TimeProvider clock, IOptions<ProvisionRecordOptions> options)
{
    private const int BatchSize = 200;

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var retention = options.Value.Retention;
        var today = Domain.Text.JapaneseText.JstDate(clock.GetUtcNow());

        // A record is kept through RetainUntil; candidates are those whose first day lies before the shortest period's end.
        var earliest = today.AddYears(-retention.ContractDocumentYears);
        var purged = 0;
        var after = Guid.Empty;
        while (true)
        {
            var batch = await db.ProvisionRecords
                .Where(r => r.PurgedAt == null && r.ProvidedOn < earliest && r.Id.CompareTo(after) > 0)
                .OrderBy(r => r.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return purged;
            }

            after = batch[^1].Id;
            var now = clock.GetUtcNow();
            var due = batch.Where(r => r.RetainUntil(retention) < today).ToList();
            foreach (var record in due)
            {
                var until = record.RetainUntil(retention);
                record.Purge(now);
                audit.Raise(new ProvisionRecordPurged(record.Id, record.Direction.ToString(), until,
                    record.ContractDocument ? retention.ContractDocumentYears : retention.GeneralYears));
            }

            if (due.Count > 0)
            {
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    purged += due.Count;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Another instance purged some of these first: its events stand; start over from the store.
                }
            }

            db.ChangeTracker.Clear();
        }
    }
}
