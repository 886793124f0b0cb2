using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Events;
using PrivacyDesk.Domain.ProvisionRecords;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Pages.Staff.ThirdPartyRecords;

public sealed record ProvisionImportOutcome(Guid ImportId, string Encoding, int Rows, int Added, int AlreadyRecorded);

/// <summary>
/// Imports a CSV into the register: reads and checks the whole file first (<see cref="ProvisionCsvReader"/>; a bad row
/// refuses it), then in one transaction under the store's retrying strategy adds the rows not yet recorded (by
/// <see cref="ProvisionRecord.RowKey"/>: the same file twice adds nothing) and audits the import. All or nothing.
/// </summary>
public sealed class ProvisionRecordImporter(PrivacyDeskDbContext db, AuditTrail audit, TimeProvider clock, IOptions<ProvisionRecordOptions> options)
{
    private const int Attempts = 3;

    public async Task<ProvisionImportOutcome> ImportAsync(byte[] content, string actor, string? actorRole, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length > options.Value.MaxFileBytes)
        {
            throw new ProvisionImportException("provision.tooLarge", null,
                $"ファイルが大きすぎます（上限 {options.Value.MaxFileBytes / 1024:N0} KB）。", $"The file is too large (limit {options.Value.MaxFileBytes / 1024:N0} KB).");
        }

        using var actingAs = audit.UseActor(actor, actorRole);
        var file = ProvisionCsvReader.Parse(content);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.RetriedAsync(ct => ImportOnceAsync(file, sha256, actor, ct), cancellationToken);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another import stored one of these rows after this attempt read the keys: start again, where it is a duplicate.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<ProvisionImportOutcome> ImportOnceAsync(ProvisionCsvFile file, string sha256, string actor, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var importId = Guid.CreateVersion7();
        var keyed = file.Rows.Select(r => (Row: r, Key: RowKey(r.Draft))).ToArray();
        var keys = keyed.Select(k => k.Key).Distinct(StringComparer.Ordinal).ToArray();
        var known = (await db.ProvisionRecords.Where(r => keys.Contains(r.RowKey)).Select(r => r.RowKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var (row, key) in keyed)
        {
            // A key in the store, or earlier in this file, is the same record again.
            if (known.Add(key))
            {
                db.ProvisionRecords.Add(new ProvisionRecord(row.Draft, key, importId, actor, now));
                added++;
            }
        }

        audit.Raise(new ProvisionRecordsImported(importId, sha256, file.Encoding, file.Rows.Count, added, file.Rows.Count - added));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ProvisionImportOutcome(importId, file.Encoding, file.Rows.Count, added, file.Rows.Count - added);
    }

    /// <summary>A keyed hash would add nothing: the fields are in the row itself. Plain SHA-256 of the normalised fields.</summary>
    internal static string RowKey(ProvisionRecordDraft draft) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(draft.Canonical())));
}
