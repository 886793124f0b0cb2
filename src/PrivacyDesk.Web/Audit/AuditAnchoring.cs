using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Mail;

namespace PrivacyDesk.Web.Audit;

/// <summary>What one anchor run did: the anchor taken (or found), and how many auditors it was mailed to.</summary>
public sealed record AuditAnchorResult(bool Anchored, AuditAnchor Anchor, int Recipients, string? File);

/// <summary>
/// Anchors the chain's head outside the database once per JST day (ADR 0008, amendment 1): the head's sequence, hash
/// and key id, and where the legacy prefix ends, are appended to the anchor file and mailed to every auditor through the
/// outbox. Once per day across instances: the day's <see cref="AuditAnchorRecord"/> is inserted in the same transaction
/// as the mails, before the file is written, so a racing instance fails on the key and writes and sends nothing. A
/// failure after the file line was written leaves one extra line, which is harmless (every line is a true anchor).
/// </summary>
public sealed partial class AuditAnchoring(
    PrivacyDeskDbContext db,
    AuditTrail audit,
    AuditAnchorFile file,
    TimeProvider clock,
    ILogger<AuditAnchoring> logger)
{
    public const string MailKind = "audit.anchor";

    public async Task<AuditAnchorResult> AnchorAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        using var actor = audit.UseActor(Domain.Requests.PrivacyRequest.SystemActor);
        if (await ExistingAsync(date, cancellationToken) is { } done)
        {
            return done;
        }

        // Under the execution strategy (a retrying one refuses a bare user transaction); after a failed commit whose
        // answer was lost, the day's row tells whether it was stored after all.
        return await db.RetriedAsync(ct => AnchorOnceAsync(date, ct), cancellationToken, ct => ExistingAsync(date, ct));
    }

    private async Task<AuditAnchorResult> AnchorOnceAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken);
        var keyId = head.LastSequence == 0 ? null
            : await db.AuditEvents.Where(e => e.Sequence == head.LastSequence).Select(e => e.ChainKeyId).SingleAsync(cancellationToken);
        var legacyThrough = await db.AuditEvents.Where(e => e.ChainKeyId == null).Select(e => (long?)e.Sequence).MaxAsync(cancellationToken) ?? 0;
        var anchor = new AuditAnchor(date, head.LastSequence, Convert.ToHexStringLower(head.LastHash), keyId, legacyThrough, AuditCanonicalForm.Truncate(now));

        var recipients = await AuditorsAsync(now, cancellationToken);
        var (subject, body) = Mail(anchor, file.Path);
        foreach (var to in recipients)
        {
            MailOutbox.Enqueue(db, MailKind, null, to, subject, body, now);
        }

        db.AuditAnchors.Add(new AuditAnchorRecord
        {
            Date = date, Sequence = anchor.Sequence, Hash = head.LastHash, ChainKeyId = keyId, LegacyThrough = legacyThrough,
            CreatedAt = now.ToUniversalTime(), Recipients = recipients.Count,
        });
        audit.Raise(new Domain.Events.AuditAnchored(date, anchor.Sequence, keyId, recipients.Count));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance anchored the day between the check and the insert: the key refused this copy, mails included.
            db.ChangeTracker.Clear();
            await transaction.RollbackAsync(CancellationToken.None);
            if (await ExistingAsync(date, CancellationToken.None) is { } raced)
            {
                LogRaceLost(logger, date);
                return raced;
            }

            throw;
        }

        if (file.Path is not null)
        {
            file.Append(anchor);
        }
        else
        {
            LogNoFile(logger, date);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        LogAnchored(logger, date, anchor.Sequence, keyId, recipients.Count);
        return new AuditAnchorResult(true, anchor, recipients.Count, file.Path);
    }

    private async Task<AuditAnchorResult?> ExistingAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var row = await db.AuditAnchors.AsNoTracking().SingleOrDefaultAsync(a => a.Date == date, cancellationToken);
        return row is null ? null : new AuditAnchorResult(false,
            new AuditAnchor(row.Date, row.Sequence, Convert.ToHexStringLower(row.Hash), row.ChainKeyId, row.LegacyThrough, row.CreatedAt),
            row.Recipients, file.Path);
    }

    /// <summary>Active (not locked) users with an address and the Auditor role, each once.</summary>
    private async Task<List<string>> AuditorsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var utcNow = now.ToUniversalTime();
        var emails = await (
                from user in db.Users.AsNoTracking()
                join userRole in db.UserRoles on user.Id equals userRole.UserId
                join role in db.Roles on userRole.RoleId equals role.Id
                where role.Name == StaffRoles.Auditor && user.Email != null && (user.LockoutEnd == null || user.LockoutEnd <= utcNow)
                select user.Email!)
            .Distinct()
            .ToListAsync(cancellationToken);
        return emails.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The anchor mail: the anchor's values and its file line, no personal data.</summary>
    internal static (string Subject, string Body) Mail(AuditAnchor anchor, string? path)
    {
        var day = AuditTime.Day(anchor.Date);
        var subject = $"[PrivacyDesk] 監査ログのアンカー {day} / Audit chain anchor {day}";
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"監査ログの末尾を記録しました（{day}、日本時間）。このメールは改ざん検証の控えです。保管してください。")
            .AppendLine(CultureInfo.InvariantCulture, $"The end of the audit chain was anchored ({day}, JST). Keep this mail: it is a copy for tamper checks.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"連番 / Sequence: {anchor.Sequence}")
            .AppendLine(CultureInfo.InvariantCulture, $"ハッシュ / Hash: {anchor.Hash}")
            .AppendLine(CultureInfo.InvariantCulture, $"鍵 ID / Key id: {anchor.KeyId ?? "-"}")
            .AppendLine(CultureInfo.InvariantCulture, $"鍵なし（旧形式）部分の終わり / Legacy prefix ends at: {anchor.LegacyThrough}")
            .AppendLine(CultureInfo.InvariantCulture, $"記録時刻 / Taken at: {AuditTime.Jst(anchor.AnchoredAt)} JST")
            .AppendLine(CultureInfo.InvariantCulture, $"アンカーファイル / Anchor file: {path ?? "（未設定 / not configured: Audit:AnchorDirectory）"}")
            .AppendLine()
            .AppendLine("アンカーファイルが失われたか疑わしいときは、次の行をファイルに戻すと verify-audit が照合します。")
            .AppendLine("If the anchor file is lost or in doubt, put this line back into it and verify-audit compares it:")
            .AppendLine(JsonSerializer.Serialize(anchor))
            .ToString();
        return (subject, body);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit chain anchored for {Date}: sequence {Sequence}, key {KeyId}, mailed to {Recipients} auditors")]
    private static partial void LogAnchored(ILogger logger, DateOnly date, long sequence, string? keyId, int recipients);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit chain anchor for {Date} was taken by another instance")]
    private static partial void LogRaceLost(ILogger logger, DateOnly date);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit chain anchor for {Date} is only mailed: set Audit:AnchorDirectory to keep an anchor file")]
    private static partial void LogNoFile(ILogger logger, DateOnly date);
}
