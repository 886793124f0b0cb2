using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Letters;
using PrivacyDesk.Web.Pages.Staff.Requests;

namespace PrivacyDesk.Web.Pages.Staff.Letters;

/// <summary>
/// The letters of one request: which kinds apply now, a preview of each (rendered on the fly, never stored), issuing,
/// and the issued letters. It runs the request pages' pipeline (<see cref="StaffRequestPage"/>: load or 404, the
/// version, the conflict explanation). Reading (the page, previews, issued PDFs) is for every staff role under the
/// folder's ReadRequests policy, auditors included, and every view, preview or download is recorded by the read
/// filter; issuing needs WorkRequests, checked in the handler because Razor Pages ignore [Authorize] on handler methods.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[AuditsPersonalDataRead(AuditActions.LettersViewed)]
public sealed class IndexModel(RequestWorkbench workbench, IAuthorizationService authorization, LetterIssuer issuer)
    : StaffRequestPage(workbench, authorization), IAuditedRead
{
    private object? shownDetails;

    public PrivacyRequest Found => PrivacyRequest;

    public IReadOnlyList<LetterAvailability> Available { get; private set; } = [];

    public IReadOnlyList<IssuedLetterSummary> Issued { get; private set; } = [];

    /// <summary>The letter just issued (post/redirect/get), to confirm it.</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public Guid? IssuedLetterId { get; set; }

    public void OnGet()
    {
    }

    [AuditsPersonalDataRead(AuditActions.LetterPreviewed)]
    public async Task<IActionResult> OnGetPreviewAsync(string kind, CancellationToken cancellationToken)
    {
        if (!LetterKinds.TryParse(kind, out var letterKind))
        {
            return NotFound();
        }

        var pdf = await issuer.PreviewAsync(PrivacyRequest, letterKind, cancellationToken);
        shownDetails = new { kind = LetterKinds.Code(letterKind) };
        return pdf is null ? NotFound() : Pdf(pdf, $"{PrivacyRequest.ReferenceNumber}-{kind}-preview.pdf", inline: true);
    }

    [AuditsPersonalDataRead(AuditActions.LetterDownloaded)]
    public async Task<IActionResult> OnGetIssuedAsync(Guid letterId, bool print, CancellationToken cancellationToken)
    {
        var letter = await issuer.FindIssuedAsync(RequestId, letterId, cancellationToken);
        if (letter is null)
        {
            return NotFound();
        }

        shownDetails = new { letterId = letter.Id, letter.Kind };

        // Named with the reference number, so that a folder of downloads says which request each letter answers.
        return Pdf(issuer.OpenPdf(letter), IssuedFileName(PrivacyRequest.ReferenceNumber, letter), inline: print && !DisclosureCsv.IsCsv(letter.Kind), DisclosureCsv.MediaType(letter.Kind));
    }

    public async Task<IActionResult> OnPostIssueAsync(string kind, CancellationToken cancellationToken)
    {
        if (!CanWork)
        {
            return Forbid();
        }

        if (!LetterKinds.TryParse(kind, out var letterKind))
        {
            return NotFound();
        }

        var result = await issuer.IssueAsync(PrivacyRequest, letterKind, Version, Actor, cancellationToken);
        if (result.Letter is not null)
        {
            return RedirectToPage(new { id = RequestId, done = result.Letter.Id });
        }

        // Refused: by a rule (422), or overtaken by a colleague's change, named from the audit trail (409).
        return await ShowAgainAsync(result.Refusal!.Conflict
            ? WorkOutcome.Overtaken(await Workbench.ExplainAsync(RequestId, cancellationToken))
            : new WorkOutcome(false, Localized.Text(result.Refusal.Message), null), cancellationToken);
    }

    protected override async Task OnShowingAsync(CancellationToken cancellationToken)
    {
        Issued = await issuer.IssuedAsync(RequestId, cancellationToken);
        Available = LetterIssuer.Applicable(PrivacyRequest, Issued);
    }

    /// <summary>「PD-2026-000123-disclosure-decision-20261206.pdf」: reference number, letter kind, JST issue date (.csv for the disclosure package's CSV).</summary>
    public static string IssuedFileName(string referenceNumber, IssuedLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return $"{referenceNumber}-{letter.Kind}-{PrivacyDesk.Domain.Text.JapaneseText.JstDate(letter.IssuedAt):yyyyMMdd}.{DisclosureCsv.Extension(letter.Kind)}";
    }

    public AuditedRead? AuditedRead(string action) => new(RequestId, shownDetails);

    private FileContentResult Pdf(byte[] pdf, string fileName, bool inline, string mediaType = "application/pdf")
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers.ContentDisposition = $"{(inline ? "inline" : "attachment")}; filename=\"{fileName}\"";
        return File(pdf, mediaType);
    }
}
