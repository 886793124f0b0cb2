using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Retention;

public sealed record RetentionResult(int DocumentsPurged, int LettersPurged, int ProvisionRecordsPurged = 0);

/// <summary>
/// Disposes of what has passed its retention period (seed §5⑤: 速やかに適正な方法で廃棄):
/// <list type="bullet">
/// <item>ID documents, <see cref="RetentionOptions.DocumentDays"/> after the request closed: the ciphertext row is deleted;
/// the document row stays as the tombstone (type, SHA-256, purge date).</item>
/// <item>Issued letters, <see cref="RetentionOptions.LetterYears"/> after issue: the PDF bytes are emptied; the letter row
/// stays as the tombstone (kind, SHA-256, issue and purge dates).</item>
/// </list>
/// Each purge is an audit event in the same transaction. Safe with several instances at once: a row is purged by the
/// statement that finds it not yet purged (<c>WHERE PurgedAt IS NULL</c>), and only that instance records the event.
/// </summary>
public sealed class RetentionPurger(PrivacyDeskDbContext db, AuditTrail audit, TimeProvider clock, IOptions<RetentionOptions> options,
    ILogger<RetentionPurger> logger, Pages.Staff.ThirdPartyRecords.ProvisionRecordPurger provisionRecords)
{
    public async Task<RetentionResult> PurgeAsync(CancellationToken cancellationToken = default)
    {
        // The purge events are the system's, whoever (job or command) runs it.
        using var actor = audit.UseActor(PrivacyRequest.SystemActor, PrivacyRequest.SystemActor);
        var now = clock.GetUtcNow();
        var documents = await PurgeDocumentsAsync(now, cancellationToken);
        var letters = await PurgeLettersAsync(now, cancellationToken);

        // The register of third-party provision records has its own periods (施行規則第14条, ADR 0020).
        var records = await provisionRecords.PurgeAsync(cancellationToken);
        logger.LogInformation("Retention purge: {DocumentCount} documents, {LetterCount} letters and {ProvisionRecordCount} provision records purged",
            documents, letters, records);
        return new RetentionResult(documents, letters, records);
    }

    private async Task<int> PurgeDocumentsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var days = options.Value.DocumentDays;
        var closedBefore = (now - TimeSpan.FromDays(days)).ToUniversalTime();
        var purged = 0;
        while (true)
        {
            var batch = await (
                    from d in db.Documents.AsNoTracking()
                    join r in db.Requests.AsNoTracking() on EF.Property<Guid>(d, "RequestId") equals r.Id
                    where d.PurgedAt == null && r.ClosedAt != null && r.ClosedAt <= closedBefore
                    orderby d.Id
                    select new { d.Id, RequestId = r.Id, d.Type, d.Role, d.Sha256, r.ClosedAt })
                .Take(options.Value.BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return purged;
            }

            purged += await PurgeBatchAsync(batch, async (document, ct) =>
            {
                // The guard makes the purge idempotent (IdentityDocument.MarkPurged keeps the first date, as here).
                var marked = await db.Documents.Where(d => d.Id == document.Id && d.PurgedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.PurgedAt, now), ct);
                if (marked == 0)
                {
                    return false;
                }

                await db.DocumentContents.Where(c => c.DocumentId == document.Id).ExecuteDeleteAsync(ct);
                audit.Raise(new Domain.Events.DocumentPurged(
                    document.RequestId, document.Id, document.Type.ToString(), document.Role.ToString(), document.Sha256, document.ClosedAt, days));
                return true;
            }, cancellationToken);
        }
    }

    private async Task<int> PurgeLettersAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var years = options.Value.LetterYears;
        var issuedBefore = now.AddYears(-years).ToUniversalTime();
        var purged = 0;
        while (true)
        {
            var batch = await db.Letters.AsNoTracking()
                .Where(l => l.PurgedAt == null && l.IssuedAt <= issuedBefore)
                .OrderBy(l => l.Id)
                .Select(l => new { l.Id, l.RequestId, l.Kind, l.Sha256, l.IssuedAt })
                .Take(options.Value.BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return purged;
            }

            purged += await PurgeBatchAsync(batch, async (letter, ct) =>
            {
                var marked = await db.Letters.Where(l => l.Id == letter.Id && l.PurgedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.PurgedAt, now).SetProperty(l => l.Pdf, Array.Empty<byte>()), ct);
                if (marked == 0)
                {
                    return false;
                }

                audit.Raise(new Domain.Events.LetterPurged(letter.RequestId, letter.Id, letter.Kind, letter.Sha256, letter.IssuedAt, years));
                return true;
            }, cancellationToken);
        }
    }

    /// <summary>
    /// Purges one batch in one transaction under the execution strategy: a transient failure replays the whole batch,
    /// which <paramref name="purgeOne"/>'s guard (only rows not yet purged) makes idempotent. Returns how many it purged.
    /// </summary>
    private async Task<int> PurgeBatchAsync<T>(IReadOnlyList<T> batch, Func<T, CancellationToken, Task<bool>> purgeOne, CancellationToken cancellationToken)
    {
        var purged = await db.RetriedCountAsync(async ct =>
        {
            var count = 0;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var item in batch)
            {
                if (await purgeOne(item, ct))
                {
                    count++;
                }
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return count;
        }, cancellationToken);
        db.ChangeTracker.Clear();
        return purged;
    }
}
