using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Requests.Resubmission;

/// <summary>The answer to a resubmission: saved, or the messages (by field) that refused it, with nothing stored.</summary>
public sealed record ResubmissionOutcome(bool Saved, IReadOnlyList<(string Field, string Message)> Errors, bool StoreFailed = false)
{
    public static readonly ResubmissionOutcome Ok = new(true, []);

    public static ResubmissionOutcome Refused(string message, string field = "") => new(false, [(field, message)]);
}

/// <summary>
/// A member sends again, from the status page, the documents a return asked for (ADR 0022). The request is found by its
/// reference number and status code only (<see cref="MemberRequestLookup"/>), so a code opens its own request and no
/// other; the files pass the filing form's checks (<see cref="DocumentReceiver"/>); the domain
/// (<see cref="PrivacyRequest.ResubmitDocuments"/>) takes only what was asked, and only while the request waits for it;
/// and the save is made against the version the member saw, so a replayed or doubled form attaches nothing. The
/// documents, their encrypted contents, the status change and the audit row are one SaveChanges: all or nothing.
/// </summary>
public sealed class DocumentResubmission(
    PrivacyDeskDbContext db,
    DocumentReceiver receiver,
    IValidator<ResubmissionInput> validator,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<DocumentResubmission> logger)
{
    public async Task<ResubmissionOutcome> SubmitAsync(string? reference, string? token, ResubmissionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = await MemberRequestLookup.FindAsync(db, reference, token, tracked: true, cancellationToken);
        if (request is null)
        {
            return ResubmissionOutcome.Refused(Localized.Text(
                "請求が見つかりませんでした。受付番号と確認用コードをご確認ください。", "The request was not found. Check the reference number and status code."));
        }

        // Refused before any file is read: a request that does not wait for documents, or a page shown before a change.
        if (request.Status != RequestStatus.ReturnedForDeficiency)
        {
            return ResubmissionOutcome.Refused(Localized.Message(PrivacyRequest.NotAwaitingResubmission()));
        }

        if (input.Version != request.Version)
        {
            return ResubmissionOutcome.Refused(StaleMessage);
        }

        input.Offered = request.DocumentsToResubmit();
        input.RequiresAll = request.ResubmissionRequiresAll;
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            return new(false, validation.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToArray());
        }

        var received = await receiver.ReceiveAsync(input.Incoming(), cancellationToken);
        if (!received.IsAccepted)
        {
            return new(false, received.Errors);
        }

        try
        {
            request.ResubmitDocuments(received.Documents.Select(d => d.Document).ToArray(), PrivacyRequest.MemberActor, clock.GetUtcNow());
        }
        catch (DomainRuleException ex)
        {
            db.ChangeTracker.Clear();
            return ResubmissionOutcome.Refused(Localized.Message(ex));
        }

        db.DocumentContents.AddRange(received.Documents.Select(d => d.Content));
        db.Entry(request).Property(r => r.Version).OriginalValue = input.Version;
        try
        {
            using (audit.UseActor(PrivacyRequest.MemberActor))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same form sent twice at once: the first was saved, this one stored nothing.
            db.ChangeTracker.Clear();
            return ResubmissionOutcome.Refused(StaleMessage);
        }
        catch (Exception ex) when (StoreResilience.IsStoreFailure(ex))
        {
            db.ChangeTracker.Clear();
            logger.LogError(ex, "Resubmission for request {RequestId} failed; nothing was stored", request.Id);
            return new(false, [(string.Empty, Localized.Text(
                "申し訳ありません。一時的な問題により、書類を受け付けられませんでした（何も保存されていません）。少し時間をおいてもう一度送信してください。",
                "Sorry, because of a temporary problem the documents could not be received (nothing was stored). Please wait a moment and send them again."))], StoreFailed: true);
        }

        logger.LogInformation("Request {RequestId}: {Count} documents resubmitted online", request.Id, received.Documents.Count);
        return ResubmissionOutcome.Ok;
    }

    /// <summary>The page was shown before the request changed (or the form was sent twice): nothing was stored.</summary>
    public static string StaleMessage => Localized.Text(
        "このページを表示した後に、請求の状況が変わりました（書類はすでにお受けしている可能性があります）。今回の送信では何も保存していません。ページを開き直して、現在の状況をご確認ください。",
        "The request changed after this page was shown (the documents may already have been received). Nothing was stored from this submission. Open the page again to see the current state.");
}

/// <summary>
/// Finds a member's request by reference number and status code. A wrong code and an unknown number get the same
/// answer and do the same work (a dummy hash is compared), so the lookup does not reveal which requests exist.
/// </summary>
public static class MemberRequestLookup
{
    private static readonly string DummyHash = AccessToken.Hash("no-such-request");

    public static async Task<PrivacyRequest?> FindAsync(
        PrivacyDeskDbContext db, string? reference, string? token, bool tracked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var normalized = ReferenceNumber.Normalize(reference);
        var query = tracked ? db.Requests : db.Requests.AsNoTracking();
        var request = normalized is null
            ? null
            : await query
                .Include(r => r.StatusHistory)
                .Include(r => r.Payments)
                .Include(r => r.Documents)
                .Include(r => r.IdentityChecks)
                .AsSplitQuery()
                .SingleOrDefaultAsync(r => r.ReferenceNumber == normalized, cancellationToken);

        var matches = AccessToken.Matches(token, request?.AccessTokenHash ?? DummyHash);
        return request is not null && matches ? request : null;
    }
}
