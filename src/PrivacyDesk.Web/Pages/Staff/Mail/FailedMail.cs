using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Events;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Mail;
using PrivacyDesk.Web.Pages.Staff.Requests;

namespace PrivacyDesk.Web.Pages.Staff.Mail;

/// <summary>One mail that failed for good, as the list shows it: never its subject or body.</summary>
public sealed record FailedMailRow(
    Guid Id, DateTimeOffset CreatedAt, string Kind, Guid? RequestId, string? ReferenceNumber, DeliveryMethod? Delivery,
    string ToAddress, int Attempts, string? LastError);

/// <summary>What a resend or a switch to post did.</summary>
public enum FailedMailResult
{
    Done,

    /// <summary>The mail is no longer failed for good: resent, withdrawn or sent already (a replayed form).</summary>
    AlreadyHandled,

    /// <summary>The mail belongs to no request (a staff digest, an audit anchor): there is nothing to post.</summary>
    NoRequest,

    /// <summary>The request changed between loading and saving; nothing was saved.</summary>
    Overtaken,
}

/// <summary>
/// Mail that failed for good (unsent after Smtp:MaxAttempts attempts; ADR 0024) and what staff do about it: send it
/// again from its first attempt, or withdraw it because the answer goes by post. Both are conditional statements on the
/// row's failed state inside one transaction with their audit event, so that a replayed or concurrent second action
/// finds nothing to do, changes nothing and writes no audit row.
/// </summary>
public sealed class FailedMail(PrivacyDeskDbContext db, IOptions<SmtpOptions> smtp, AuditTrail trail, RequestWorkbench workbench, TimeProvider clock)
{
    /// <summary>The list is bounded: more than this many failures at once is an outage, not a list to work through.</summary>
    public const int MaxShown = 200;

    private int MaxAttempts => smtp.Value.MaxAttempts;

    private IQueryable<OutboxMessage> Failed()
    {
        var max = MaxAttempts;
        return db.Outbox.Where(m => m.SentAt == null && m.Attempts >= max);
    }

    public Task<int> CountAsync(CancellationToken ct) => Failed().CountAsync(ct);

    /// <summary>Drops what a refused action loaded, so that the list is read as stored.</summary>
    public void Forget() => db.ChangeTracker.Clear();

    /// <summary>Newest first, at most <see cref="MaxShown"/>. The body and subject are never read.</summary>
    public async Task<IReadOnlyList<FailedMailRow>> ListAsync(CancellationToken ct)
    {
        var rows = await (
                from m in Failed().AsNoTracking().OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(MaxShown)
                join r in db.Requests.AsNoTracking() on m.RequestId equals r.Id into requests
                from r in requests.DefaultIfEmpty()
                select new
                {
                    m.Id, m.CreatedAt, m.Kind, m.RequestId, Reference = r == null ? null : r.ReferenceNumber,
                    Delivery = r == null ? (DeliveryMethod?)null : r.Delivery, m.ToAddress, m.Attempts, m.LastError,
                })
            .ToListAsync(ct);

        return rows
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Select(m => new FailedMailRow(m.Id, m.CreatedAt, m.Kind, m.RequestId, m.Reference, m.Delivery, m.ToAddress, m.Attempts, m.LastError))
            .ToList();
    }

    /// <summary>
    /// Puts the mail back in the queue: attempts 0, due now, unlocked. The last error is kept until the next attempt
    /// replaces it (a sent mail leaves the list anyway), so the row still says why it last failed.
    /// </summary>
    public Task<FailedMailResult> ResendAsync(Guid id, CancellationToken ct) => RetriedAsync(token => ResendOnceAsync(id, token), ct);

    private async Task<FailedMailResult> ResendOnceAsync(Guid id, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var message = await Failed().AsNoTracking().Select(m => new { m.Id, m.Kind, m.RequestId, m.Attempts }).SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
        {
            return FailedMailResult.AlreadyHandled;
        }

        var now = clock.GetUtcNow().ToUniversalTime();
        var attempts = message.Attempts;
        var reset = await Failed()
            .Where(m => m.Id == id && m.Attempts == attempts)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.LockedBy, (string?)null)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), ct);
        if (reset == 0)
        {
            return FailedMailResult.AlreadyHandled;
        }

        trail.Raise(new FailedMailResent(message.Id, message.RequestId, message.Kind, attempts));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return FailedMailResult.Done;
    }

    /// <summary>
    /// The answer goes by post instead: the request's delivery becomes postal (request.delivery_changed, unless it is
    /// postal already) and the mail is deleted with its sealed body, so it leaves the list and is never sent.
    /// </summary>
    public Task<(FailedMailResult Result, Guid? RequestId)> SwitchToPostAsync(Guid id, string actor, CancellationToken ct) =>
        RetriedAsync(token => SwitchToPostOnceAsync(id, actor, token), ct);

    private async Task<(FailedMailResult Result, Guid? RequestId)> SwitchToPostOnceAsync(Guid id, string actor, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var message = await Failed().AsNoTracking().Select(m => new { m.Id, m.Kind, m.RequestId, m.Attempts }).SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
        {
            return (FailedMailResult.AlreadyHandled, null);
        }

        if (message.RequestId is not { } requestId || await workbench.LoadAsync(requestId, ct) is not { } request)
        {
            return (FailedMailResult.NoRequest, null);
        }

        var attempts = message.Attempts;
        var deleted = await Failed().Where(m => m.Id == id && m.Attempts == attempts).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            return (FailedMailResult.AlreadyHandled, requestId);
        }

        if (request.Delivery != DeliveryMethod.Post)
        {
            // Raises DeliveryChanged; a postal answer is always allowed.
            request.ChangeDelivery(DeliveryMethod.Post, actor, clock.GetUtcNow());
        }

        trail.Raise(new FailedMailWithdrawn(message.Id, requestId, message.Kind, attempts));
        var saved = await workbench.SaveAsync(request, request.Version, ct);
        if (!saved.Saved)
        {
            // The request moved under us: the transaction is rolled back with the deletion.
            return (FailedMailResult.Overtaken, requestId);
        }

        await transaction.CommitAsync(ct);
        return (FailedMailResult.Done, requestId);
    }

    /// <summary>
    /// The provider's execution strategy owns the transaction (a retrying strategy refuses one begun outside it); a retry
    /// starts from a cleared change tracker and re-reads everything.
    /// </summary>
    private Task<T> RetriedAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            return await operation(token);
        }, ct);
}
