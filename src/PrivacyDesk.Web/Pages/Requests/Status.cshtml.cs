using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Letters;
using PrivacyDesk.Web.Pages.Requests.Resubmission;

namespace PrivacyDesk.Web.Pages.Requests;

/// <summary>
/// The member's status page. It answers only to the reference number together with its secret token; a wrong token
/// gets exactly the same answer as an unknown number, so the page does not reveal which requests exist.
/// </summary>
[EnableRateLimiting(AbuseProtection.StatusPolicy)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[AuditsPersonalDataRead(AuditActions.StatusViewed, Actor = PrivacyRequest.MemberActor)]
public sealed class StatusModel(
    PrivacyDeskDbContext db,
    TimeProvider clock,
    IOptions<OrganizationOptions> organization,
    LetterSealing letterSealing,
    MemberWithdrawal withdrawal,
    DocumentResubmission resubmission) : PageModel, IAuditedRead
{
    private AuditedRead? shown;

    [BindProperty(SupportsGet = true, Name = "r")]
    public string? Reference { get; set; }

    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Token { get; set; }

    public PrivacyRequest? Found { get; private set; }

    public DeadlineState? Deadline { get; private set; }

    public string? DeficiencyReason { get; private set; }

    public IReadOnlyList<LetterLink> Letters { get; private set; } = [];

    public bool NoMatch { get; private set; }

    /// <summary>The version of the request the member saw when asked to confirm the withdrawal.</summary>
    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? WithdrawReason { get; set; }

    public WithdrawalStep Withdrawal { get; private set; }

    public string? WithdrawalError { get; private set; }

    /// <summary>Whether the member may withdraw now (until a decision is entered; never twice).</summary>
    public bool CanWithdraw => Found is { } found && MemberWithdrawal.Allows(found);
    /// <summary>The documents a return asks for, sent again from this page (ADR 0022).</summary>
    [BindProperty]
    public ResubmissionInput Resubmit { get; set; } = new();

    /// <summary>Set after a resubmission was saved (post/redirect/get): the page confirms it.</summary>
    [TempData]
    public bool Resubmitted { get; set; }

    /// <summary>The slots the upload form offers: what the return asked for (empty unless returned).</summary>
    public IReadOnlyList<DocumentRequirement> ResubmissionSlots { get; private set; } = [];

    public OrganizationOptions Organization => organization.Value;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        if (!string.IsNullOrWhiteSpace(Reference) || !string.IsNullOrWhiteSpace(Token))
        {
            await LookUpAsync(cancellationToken);
        }
    }

    [AuditsPersonalDataRead(AuditActions.StatusViewed, Actor = PrivacyRequest.MemberActor)]
    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        await LookUpAsync(cancellationToken);
    }

    /// <summary>Step 1 of a withdrawal: the member asked to withdraw; the page asks them to confirm.</summary>
    [AuditsPersonalDataRead(AuditActions.StatusViewed, Actor = PrivacyRequest.MemberActor)]
    public async Task OnPostWithdrawAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        await LookUpAsync(cancellationToken);
        if (Found is not null)
        {
            Withdrawal = CanWithdraw ? WithdrawalStep.Confirming : WithdrawalStep.None;
            Version = Found.Version;
        }
    }

    /// <summary>
    /// Step 2: the confirmed withdrawal, saved with its confirmation letter (and mail) against the version the member
    /// confirmed. A replayed or stale form finds the request withdrawn or changed and withdraws nothing again.
    /// </summary>
    [AuditsPersonalDataRead(AuditActions.StatusViewed, Actor = PrivacyRequest.MemberActor)]
    public async Task OnPostWithdrawConfirmAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        var request = await FindAsync(cancellationToken);
        if (request is not null)
        {
            var refusal = await withdrawal.WithdrawAsync(request.Id, Version, WithdrawReason, cancellationToken);
            Withdrawal = refusal is null ? WithdrawalStep.Done : WithdrawalStep.None;
            WithdrawalError = refusal is null ? null : Localized.Text(refusal.Value);
            if (refusal is not null)
            {
                Response.StatusCode = StatusCodes.Status409Conflict;
            }
        }

        await LookUpAsync(cancellationToken);
    }

    /// <summary>
    /// 「書類を送信する」: the documents a return asked for, checked and encrypted like the filing form's, attached in one
    /// save. On success the page is shown again by GET with a confirmation; otherwise with the messages, nothing stored.
    /// </summary>
    public async Task<IActionResult> OnPostResubmitAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        var outcome = await resubmission.SubmitAsync(Reference, Token, Resubmit, cancellationToken);
        if (outcome.Saved)
        {
            Resubmitted = true;
            return RedirectToPage("/Requests/Status", new { r = ReferenceNumber.Normalize(Reference), t = Token });
        }

        ModelState.Clear();
        foreach (var (field, message) in outcome.Errors)
        {
            ModelState.AddModelError(string.IsNullOrEmpty(field) ? string.Empty : $"{nameof(Resubmit)}.{field}", message);
        }

        await LookUpAsync(cancellationToken);
        Response.StatusCode = outcome.StoreFailed ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>
    /// Downloads an issued letter, for members who chose electronic delivery; notices that also go by mail wherever
    /// an address exists (the delay notice) are offered to every member, since the mail points here.
    /// </summary>
    [AuditsPersonalDataRead(AuditActions.LetterDownloaded, Actor = PrivacyRequest.MemberActor)]
    public async Task<IActionResult> OnGetLetterAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = await FindAsync(cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        var letter = await db.Letters.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id && l.RequestId == request.Id, cancellationToken);
        if (letter is null || letter.IsPurged || !Offered(request, letter.Kind))
        {
            // A purged letter (retention) keeps only its tombstone; there is nothing to download.
            return NotFound();
        }

        shown = new(request.Id, new { letterId = letter.Id, letter.Kind });
        // The disclosure package's CSV is stored and offered like the letter it goes with (issue 13 item 8).
        return File(letterSealing.Open(letter), Staff.Letters.DisclosureCsv.MediaType(letter.Kind),
            $"{request.ReferenceNumber}-{letter.Kind}.{Staff.Letters.DisclosureCsv.Extension(letter.Kind)}");
    }

    private async Task LookUpAsync(CancellationToken cancellationToken)
    {
        Found = await FindAsync(cancellationToken);
        if (Found is null)
        {
            NoMatch = true;
            return;
        }

        // The target in force when the request arrived, as the stored deadline the staff queue sorts by.
        Deadline = Found.DeadlineAt(clock.GetUtcNow());
        DeficiencyReason = Found.Status == RequestStatus.ReturnedForDeficiency
            ? Found.StatusHistory.Where(c => c.To == RequestStatus.ReturnedForDeficiency).MaxBy(c => c.At)?.Reason
            : null;
        ResubmissionSlots = Found.DocumentsToResubmit();
        var found = Found!;
        Letters = (await db.Letters.AsNoTracking()
                .Where(l => l.RequestId == found.Id)
                .OrderBy(l => l.IssuedAt)
                .Select(l => new LetterLink(l.Id, l.Kind, l.IssuedAt, l.PurgedAt != null))
                .ToListAsync(cancellationToken))
            .Where(l => Offered(found, l.Kind))
            .ToList();

        shown = new(Found.Id);
    }

    // The status-code notice is kept with its code masked: there is nothing in it for the member to download.
    private static bool Offered(PrivacyRequest request, string kind) =>
        kind != PrivacyDesk.Letters.Composition.LetterKinds.Code(PrivacyDesk.Letters.Composition.LetterKind.StatusCodeNotice)
        && request.Delivery == DeliveryMethod.Electronic
        || (PrivacyDesk.Letters.Composition.LetterKinds.TryParse(kind, out var k) && PrivacyDesk.Letters.Composition.LetterKinds.MailedWhereEmailExists(k));

    /// <summary>Only a match is recorded: a wrong number or token showed nothing.</summary>
    public AuditedRead? AuditedRead(string action) => shown;

    private Task<PrivacyRequest?> FindAsync(CancellationToken cancellationToken) =>
        MemberRequestLookup.FindAsync(db, Reference, Token, tracked: false, cancellationToken);

    public enum WithdrawalStep
    {
        None,
        Confirming,
        Done,
    }

    public sealed record LetterLink(Guid Id, string Kind, DateTimeOffset IssuedAt, bool Purged = false);
}
