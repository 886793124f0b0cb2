using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Mail;

/// <summary>What one <see cref="OutboxProcessor.ProcessDueAsync"/> call did.</summary>
/// <param name="Claimed">Messages this call claimed.</param>
/// <param name="Sent">Messages the server accepted.</param>
/// <param name="Failed">Failed attempts (including those given up).</param>
/// <param name="GaveUp">Messages that reached MaxAttempts in this call and will not be tried again.</param>
/// <param name="Released">Claimed messages handed back untried (shutdown, or the lease running short).</param>
public sealed record OutboxBatchResult(int Claimed, int Sent, int Failed, int GaveUp, int Released)
{
    public static readonly OutboxBatchResult Empty = new(0, 0, 0, 0, 0);
}

/// <summary>Names this app instance in the outbox's LockedBy column. One per process; tests may make others.</summary>
public sealed class OutboxInstance(string id)
{
    public OutboxInstance()
        : this(string.Create(CultureInfo.InvariantCulture,
            $"{Truncate(Environment.MachineName, 40)}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}"))
    {
    }

    public string Id { get; } = Truncate(id, 80);

    /// <summary>A LockedBy value unique to one claim, so that a batch is read back exactly, even within one process.</summary>
    internal string NewClaimToken() => string.Create(CultureInfo.InvariantCulture, $"{Id}#{Guid.NewGuid().ToString("N")[..12]}");

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>Exponential backoff with jitter: 30 s, 1 min, 2 min, 4 min … up to 1 h (defaults), each ±20 %.</summary>
public static class OutboxBackoff
{
    /// <param name="attempt">The attempt that just failed, from 1.</param>
    /// <param name="jitter">A number in [0, 1): 0.5 is the nominal delay.</param>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var exponent = Math.Min(attempt - 1, 30);
        var nominal = Math.Min(maxDelay.TotalSeconds, baseDelay.TotalSeconds * Math.Pow(2, exponent));
        var jittered = nominal * (0.8 + (0.4 * Math.Clamp(jitter, 0, 1)));
        return TimeSpan.FromSeconds(Math.Clamp(jittered, 1, maxDelay.TotalSeconds));
    }

    internal static double NextJitter() => RandomNumberGenerator.GetInt32(1_000_000) / 1_000_000d;
}

/// <summary>
/// Claims and sends one batch of due mail. Safe with several app instances on one database:
/// <list type="number">
/// <item>Claim: one atomic UPDATE sets LockedBy (a token unique to this claim) and LockedUntil (now + lease) on at most
/// BatchSize rows that are unsent, due, under MaxAttempts and not locked (or whose lock has expired). The "due and not
/// locked" condition is in the UPDATE's own WHERE, not only in its row-limiting subquery, so that a concurrent claimer
/// that waited for our row locks re-checks it against the committed row (PostgreSQL re-evaluation, SQL Server update
/// locks, SQLite's single writer) and skips rows we took.</item>
/// <item>Read back the rows carrying the token, send each, and mark it sent (SentAt) right after the server accepted it,
/// with a statement that is not cancelled by shutdown; the same statement empties the body (sealed until then; see
/// <see cref="OutboxBodySealing"/>), so that no status link outlives its delivery.</item>
/// <item>A failure records Attempts, LastError and NextAttemptAt (backoff) and unlocks the row.</item>
/// </list>
/// The only duplicate window is a crash (or a lost database) between the server's acceptance and the "sent" mark: the
/// lease then expires and another attempt sends again. The Message-ID stays the same, <c>&lt;{id}@privacydesk&gt;</c>,
/// so receiving systems can discard the copy. Nothing is lost: a row is only ever left with SentAt set or still queued.
/// </summary>
public sealed class OutboxProcessor(
    PrivacyDeskDbContext db,
    IMailSender sender,
    IOptions<SmtpOptions> options,
    TimeProvider time,
    OutboxInstance instance,
    ILogger<OutboxProcessor> logger,
    OutboxBodySealing bodies)
{
    public string InstanceId => instance.Id;

    /// <summary>Claims and sends one batch of due messages. Returns <see cref="OutboxBatchResult.Empty"/> when mail is not configured.</summary>
    public async Task<OutboxBatchResult> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return OutboxBatchResult.Empty;
        }

        var token = instance.NewClaimToken();
        var lockedUntil = await ClaimAsync(token, settings, cancellationToken);
        if (lockedUntil is null)
        {
            return OutboxBatchResult.Empty;
        }

        var batch = await db.Outbox.AsNoTracking()
            .Where(m => m.LockedBy == token && m.SentAt == null)
            .OrderBy(m => m.NextAttemptAt)
            .ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);

        int sent = 0, failed = 0, gaveUp = 0, released = 0;
        IMailConnection? connection = null;
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var message = batch[i];

                // Never start a send that could outlive the lease: another instance may claim the row after it.
                if (cancellationToken.IsCancellationRequested || time.GetUtcNow() + (settings.Timeout * 2) >= lockedUntil.Value)
                {
                    released += await ReleaseAsync(token);
                    break;
                }

                try
                {
                    connection ??= await sender.ConnectAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // No server, no session: this attempt failed for every message left in the batch.
                    for (var j = i; j < batch.Count; j++)
                    {
                        if (await RecordFailureAsync(batch[j], token, ex, settings))
                        {
                            gaveUp++;
                        }

                        failed++;
                    }

                    break;
                }

                try
                {
                    // The body is sealed at rest and opened only here, in memory (see OutboxBodySealing).
                    message.TextBody = bodies.Open(message);
                    await connection.SendAsync(message, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    if (await RecordFailureAsync(message, token, ex, settings))
                    {
                        gaveUp++;
                    }

                    failed++;
                    if (!connection.IsConnected)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }

                    continue;
                }

                await MarkSentAsync(message, token);
                sent++;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand back what was not sent. A message cancelled mid-transfer may or may not have been
            // accepted; it is sent again later under the same Message-ID (the documented duplicate window).
            released += await ReleaseAsync(token);
            throw;
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }

        return new OutboxBatchResult(batch.Count, sent, failed, gaveUp, released);
    }

    /// <summary>The atomic claim. Returns the lease end, or null when nothing was due.</summary>
    private async Task<DateTimeOffset?> ClaimAsync(string token, SmtpOptions settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + settings.LeaseDuration;
        var maxAttempts = settings.MaxAttempts;

        var due = db.Outbox.Where(m => m.SentAt == null
                                       && m.Attempts < maxAttempts
                                       && m.NextAttemptAt <= now
                                       && (m.LockedUntil == null || m.LockedUntil < now));
        var batchIds = due.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(settings.BatchSize).Select(m => m.Id);

        var claimed = await due
            .Where(m => batchIds.Contains(m.Id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LockedBy, token)
                .SetProperty(m => m.LockedUntil, until), cancellationToken);

        return claimed == 0 ? null : until;
    }

    private async Task MarkSentAsync(OutboxMessage message, string token)
    {
        var attempt = message.Attempts + 1;
        var sentAt = time.GetUtcNow();
        try
        {
            // Not cancellable: once the server has accepted the message, recording it is what prevents a second send.
            // Matched on the id alone, so that even a row whose lease ran out is marked and not sent a third time.
            var marked = await db.Outbox
                .Where(m => m.Id == message.Id && m.SentAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.SentAt, sentAt)
                    .SetProperty(m => m.Attempts, attempt)
                    .SetProperty(m => m.TextBody, string.Empty)
                    .SetProperty(m => m.LockedBy, (string?)null)
                    .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);

            if (marked == 0)
            {
                logger.LogWarning(
                    "Mail {MessageId} ({Kind}, request {RequestId}) was accepted on attempt {Attempt} but was already marked sent: " +
                    "another instance sent it too (same Message-ID); claim token {ClaimToken}",
                    message.Id, message.Kind, message.RequestId, attempt, token);
            }
            else
            {
                logger.LogInformation("Mail {MessageId} ({Kind}, request {RequestId}) sent on attempt {Attempt}",
                    message.Id, message.Kind, message.RequestId, attempt);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The server has the message but the database did not take the mark: when the lease expires it is sent
            // again under the same Message-ID. Logged as an error so that operators can tell the recipient's system why.
            logger.LogError(ex,
                "Mail {MessageId} ({Kind}, request {RequestId}) was accepted on attempt {Attempt} but could not be marked sent; " +
                "it will be sent again after the lease expires",
                message.Id, message.Kind, message.RequestId, attempt);
        }
    }

    /// <summary>Records a failed attempt and unlocks the row. Returns true when the message has now been given up.</summary>
    private async Task<bool> RecordFailureAsync(OutboxMessage message, string token, Exception exception, SmtpOptions settings)
    {
        var attempt = message.Attempts + 1;
        var now = time.GetUtcNow();
        var next = now + OutboxBackoff.Delay(attempt, settings.RetryBaseDelay, settings.RetryMaxDelay, OutboxBackoff.NextJitter());
        var error = MailErrors.Describe(exception);
        var gaveUp = attempt >= settings.MaxAttempts;

        await db.Outbox
            .Where(m => m.Id == message.Id && m.LockedBy == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempt)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.LockedBy, (string?)null)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);

        // The category carries no server reply text: replies can quote the address.
        var category = MailErrors.Category(exception);
        if (gaveUp)
        {
            logger.LogError(
                "Mail {MessageId} ({Kind}, request {RequestId}) failed on attempt {Attempt} of {MaxAttempts} and will not be retried: {Error}",
                message.Id, message.Kind, message.RequestId, attempt, settings.MaxAttempts, category);
        }
        else
        {
            logger.LogWarning(
                "Mail {MessageId} ({Kind}, request {RequestId}) failed on attempt {Attempt} of {MaxAttempts}: {Error}; next attempt at {NextAttemptAt:o}",
                message.Id, message.Kind, message.RequestId, attempt, settings.MaxAttempts, category, next);
        }

        return gaveUp;
    }

    private async Task<int> ReleaseAsync(string token)
    {
        try
        {
            return await db.Outbox
                .Where(m => m.LockedBy == token && m.SentAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.LockedBy, (string?)null)
                    .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The lease expires on its own.
            logger.LogWarning("Could not release claimed mail ({Error}); it is picked up when the lease expires", ex.GetType().Name);
            return 0;
        }
    }
}
