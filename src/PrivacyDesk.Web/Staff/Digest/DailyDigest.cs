using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Mail;
using PrivacyDesk.Web.Pages.Staff.Dashboard;

namespace PrivacyDesk.Web.Staff.Digest;

/// <summary>What one digest run did.</summary>
/// <param name="Queued">Mails queued in the outbox by this run.</param>
/// <param name="AlreadySent">Recipients whose digest for the day was already queued (by an earlier run or another instance).</param>
/// <param name="NothingDue">Recipients skipped because no request is overdue or due soon.</param>
/// <param name="Failed">Recipients whose mail could not be queued; the next run tries them again.</param>
public sealed record DigestRunResult(int Queued, int AlreadySent, int NothingDue, int Failed);

/// <summary>One request in a digest: identifiers and deadline only, never the requester's name or any personal data.</summary>
public sealed record DigestItem(Guid Id, string ReferenceNumber, RequestFamily Family, int DaysLeft, string? AssignedTo)
{
    /// <summary>A decision waiting for approval (承認待ち): it still counts against the deadline (ADR 0016).</summary>
    public bool AwaitingApproval { get; init; }
}

/// <summary>
/// The daily deadline digest: for one JST day, every active staff user with the Staff, Supervisor or Admin role gets
/// one mail listing the requests that are overdue or due within 3 days (the same definitions as the dashboard and the
/// queue), the ones assigned to them first. Mails go through the outbox. Exactly once per user and day, also with
/// several instances: each mail is queued in the same SaveChanges as a <see cref="DigestDelivery"/> row keyed by
/// (user, day), so a second run or a racing instance fails on the key and queues nothing.
/// </summary>
public sealed partial class DailyDigest(
    PrivacyDeskDbContext db,
    TimeProvider clock,
    IOptions<DigestOptions> options,
    IOptions<OrganizationOptions> organization,
    StaffDirectory staff,
    ILogger<DailyDigest> logger)
{
    public const string MailKind = "staff.digest";

    /// <summary>The roles that receive the digest: those who work on requests (auditors only read).</summary>
    public static readonly IReadOnlyList<string> RecipientRoles = [StaffRoles.Staff, StaffRoles.Supervisor, StaffRoles.Admin];

    public async Task<DigestRunResult> SendAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var recipients = await RecipientsAsync(now, cancellationToken);
        var done = (await db.DigestDeliveries.AsNoTracking().Where(d => d.Date == date).Select(d => d.UserId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

        var due = DeadlineWork.OverdueOrDueSoon(db.Requests.AsNoTracking(), date);
        var overdueCount = await DeadlineWork.Overdue(db.Requests.AsNoTracking(), date).CountAsync(cancellationToken);
        var total = await due.CountAsync(cancellationToken);
        int queued = 0, alreadySent = 0, nothingDue = 0, failed = 0;
        if (total == 0)
        {
            nothingDue = recipients.Count(r => !done.Contains(r.Id));
            alreadySent = recipients.Count - nothingDue;
            LogRun(logger, date, 0, alreadySent, nothingDue, 0);
            return new DigestRunResult(0, alreadySent, nothingDue, 0);
        }

        var limit = options.Value.MaxItemsPerSection;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var recipient in recipients)
        {
            if (done.Contains(recipient.Id))
            {
                alreadySent++;
                continue;
            }

            try
            {
                var mine = await ItemsAsync(due.Where(r => r.AssignedTo == recipient.Id), date, limit, cancellationToken);
                var mineTotal = await due.CountAsync(r => r.AssignedTo == recipient.Id, cancellationToken);
                var others = await ItemsAsync(due.Where(r => r.AssignedTo == null || r.AssignedTo != recipient.Id), date, limit, cancellationToken);
                await AddNamesAsync(names, mine.Concat(others), cancellationToken);
                var mail = Compose(date, recipient.Id, mine, mineTotal, others, total - mineTotal, overdueCount, total - overdueCount, names);
                if (await TryQueueAsync(recipient, date, mail, mine.Count + others.Count, now, cancellationToken))
                {
                    queued++;
                }
                else
                {
                    alreadySent++;
                }
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                // One recipient's failure does not stop the others; the next run tries this one again.
                db.ChangeTracker.Clear();
                failed++;
                LogFailed(logger, ex, recipient.Id, date);
            }
        }

        LogRun(logger, date, queued, alreadySent, nothingDue, failed);
        return new DigestRunResult(queued, alreadySent, nothingDue, failed);
    }

    /// <summary>Queues the mail and its delivery row in one SaveChanges; false when another run got there first.</summary>
    private async Task<bool> TryQueueAsync(Recipient recipient, DateOnly date, (string Subject, string Body) mail, int items,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var message = MailOutbox.Enqueue(db, MailKind, null, recipient.Email, mail.Subject, mail.Body, now);
        db.DigestDeliveries.Add(new DigestDelivery
        {
            UserId = recipient.Id, Date = date, OutboxMessageId = message.Id, CreatedAt = now.ToUniversalTime(), Items = items,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            if (!await DeliveredAsync(recipient.Id, date, cancellationToken))
            {
                throw;
            }

            // Another instance queued this user's digest for the day between our check and our insert: the key refused
            // our copy, and the whole SaveChanges (mail included) was rolled back.
            LogRaceLost(logger, recipient.Id, date);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<bool> DeliveredAsync(string userId, DateOnly date, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.DigestDeliveries.AsNoTracking().AnyAsync(d => d.UserId == userId && d.Date == date, cancellationToken);
    }

    private sealed record Recipient(string Id, string Email);

    /// <summary>Active (not locked) users with an address and one of <see cref="RecipientRoles"/>, each once.</summary>
    private async Task<List<Recipient>> RecipientsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var roleNames = RecipientRoles.ToList();
        var utcNow = now.ToUniversalTime();
        var rows = await (
                from user in db.Users.AsNoTracking()
                join userRole in db.UserRoles on user.Id equals userRole.UserId
                join role in db.Roles on userRole.RoleId equals role.Id
                where roleNames.Contains(role.Name!) && user.Email != null && (user.LockoutEnd == null || user.LockoutEnd <= utcNow)
                select new { user.Id, user.Email })
            .Distinct()
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => new Recipient(r.Id, r.Email!)).ToList();
    }

    private static async Task<List<DigestItem>> ItemsAsync(IQueryable<PrivacyRequest> query, DateOnly date, int limit, CancellationToken cancellationToken)
    {
        var rows = await query
            .OrderBy(r => r.DueAt).ThenBy(r => r.Id)
            .Take(limit)
            .Select(r => new
            {
                r.Id, r.ReferenceNumber, r.Family, DueAt = r.DueAt!.Value, r.AssignedTo,
                AwaitingApproval = r.Status == RequestStatus.Decided && r.Decision != null && r.Decision.ApprovedAt == null,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new DigestItem(r.Id, r.ReferenceNumber, r.Family, DeadlineWork.DaysLeft(r.DueAt, date), r.AssignedTo)
        {
            AwaitingApproval = r.AwaitingApproval,
        }).ToList();
    }

    /// <summary>Display names of the assigned staff, looked up once per run.</summary>
    private async Task AddNamesAsync(Dictionary<string, string> names, IEnumerable<DigestItem> items, CancellationToken cancellationToken)
    {
        var missing = items.Select(i => i.AssignedTo).OfType<string>().Where(id => !names.ContainsKey(id)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        foreach (var (id, name) in await staff.NamesAsync(missing, cancellationToken))
        {
            names[id] = name;
        }
    }

    private (string Subject, string Body) Compose(
        DateOnly date, string recipientId, List<DigestItem> mine, int mineTotal, List<DigestItem> others, int othersTotal,
        int overdue, int dueSoon, IReadOnlyDictionary<string, string> names)
    {
        var baseUrl = organization.Value.PublicBaseUrl.TrimEnd('/');
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var subject = $"【PrivacyDesk】回答期限のお知らせ {day}（期限超過 {overdue}件・3日以内 {dueSoon}件）";
        var body = new StringBuilder();
        body.AppendLine(CultureInfo.InvariantCulture, $"回答期限のお知らせ：{JapaneseText.ToWareki(date)}（{day}）");
        body.AppendLine(CultureInfo.InvariantCulture, $"期限超過 {overdue}件／3日以内に期限 {dueSoon}件");
        body.AppendLine(CultureInfo.InvariantCulture, $"Deadline digest for {day}: {overdue} overdue, {dueSoon} due within 3 days.");
        body.AppendLine();
        Section(body, "■ あなたの担当", mine, mineTotal, recipientId, names, baseUrl);
        Section(body, "■ その他の請求（未割当・他の担当者）", others, othersTotal, recipientId, names, baseUrl);
        body.AppendLine(CultureInfo.InvariantCulture, $"期限を過ぎた請求の一覧：{baseUrl}/staff/queue?overdue=true");
        body.AppendLine(CultureInfo.InvariantCulture, $"承認待ちの決定（通知書の発行まで期限に数えます）：{baseUrl}/staff/queue?approval=true");
        body.AppendLine();
        body.AppendLine("このメールは PrivacyDesk から毎日自動で送信しています。請求者の氏名などの個人情報は記載していません。");
        body.AppendLine("This mail is sent automatically every day. It carries reference numbers only, no personal data.");
        return (subject, body.ToString());
    }

    private static void Section(StringBuilder body, string title, List<DigestItem> items, int total, string recipientId,
        IReadOnlyDictionary<string, string> names, string baseUrl)
    {
        body.AppendLine(CultureInfo.InvariantCulture, $"{title}（{total}件）");
        if (total == 0)
        {
            body.AppendLine("  該当する請求はありません。");
        }

        foreach (var item in items)
        {
            var days = item.DaysLeft switch
            {
                < 0 => $"{-item.DaysLeft}日超過",
                0 => "本日期限",
                _ => $"残り{item.DaysLeft}日",
            };
            var assignee = item.AssignedTo switch
            {
                null => "未割当",
                var id when id == recipientId => "あなた",
                var id => names.TryGetValue(id, out var name) ? name : "（不明な職員）",
            };
            var stage = item.AwaitingApproval ? "　【承認待ち】" : string.Empty;
            body.AppendLine(CultureInfo.InvariantCulture, $"- {item.ReferenceNumber}　{Labels.Family(item.Family).Japanese}　{days}{stage}　担当：{assignee}");
            body.AppendLine(CultureInfo.InvariantCulture, $"  {baseUrl}/staff/requests/{item.Id}");
        }

        if (total > items.Count)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"  ほか {total - items.Count}件（請求の一覧でご確認ください）");
        }

        body.AppendLine();
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Digest for {Date}: {Queued} queued, {AlreadySent} already sent, {NothingDue} with nothing due, {Failed} failed")]
    private static partial void LogRun(ILogger logger, DateOnly date, int queued, int alreadySent, int nothingDue, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest for user {UserId} on {Date} was queued by another run")]
    private static partial void LogRaceLost(ILogger logger, string userId, DateOnly date);

    [LoggerMessage(Level = LogLevel.Error, Message = "Digest for user {UserId} on {Date} could not be queued; the next run tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception, string userId, DateOnly date);
}
