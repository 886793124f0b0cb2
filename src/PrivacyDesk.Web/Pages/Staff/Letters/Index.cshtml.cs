using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Letters;

namespace PrivacyDesk.Web.Pages.Staff.Letters;

/// <summary>
/// The letters of one request: which kinds apply now, a preview of each (rendered on the fly, never stored), issuing,
/// and the issued letters. Reading (the page, previews, issued PDFs) is for every staff role under the folder's
/// ReadRequests policy, auditors included, and every preview or download is an audit event; issuing needs
/// WorkRequests, checked in the handler because Razor Pages ignore [Authorize] on handler methods.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[AuditsPersonalDataRead(AuditActions.LettersViewed)]
public sealed class IndexModel(LetterIssuer issuer, IAuthorizationService authorization) : PageModel, IAuditedRead
{
    private object? shownDetails;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public PrivacyRequest? Found { get; private set; }

    public IReadOnlyList<LetterAvailability> Available { get; private set; } = [];

    public IReadOnlyList<IssuedLetterSummary> Issued { get; private set; } = [];

    public bool CanWork { get; private set; }

    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await ShowAsync(cancellationToken) ? Page() : NotFound();

    [AuditsPersonalDataRead(AuditActions.LetterPreviewed)]
    public async Task<IActionResult> OnGetPreviewAsync(string kind, CancellationToken cancellationToken)
    {
        var request = await issuer.LoadAsync(Id, cancellationToken);
        if (request is null || !LetterKinds.TryParse(kind, out var letterKind))
        {
            return NotFound();
        }

        var pdf = await issuer.PreviewAsync(request, letterKind, cancellationToken);
        shownDetails = new { kind = LetterKinds.Code(letterKind) };
        return pdf is null ? NotFound() : Pdf(pdf, $"{request.ReferenceNumber}-{kind}-preview.pdf", inline: true);
    }

    [AuditsPersonalDataRead(AuditActions.LetterDownloaded)]
    public async Task<IActionResult> OnGetIssuedAsync(Guid letterId, bool print, CancellationToken cancellationToken)
    {
        var letter = await issuer.FindIssuedAsync(Id, letterId, cancellationToken);
        if (letter is null)
        {
            return NotFound();
        }

        shownDetails = new { letterId = letter.Id, letter.Kind };
        return Pdf(issuer.OpenPdf(letter), $"{letter.Kind}-{letter.IssuedAt:yyyyMMdd}.pdf", inline: print);
    }

    public async Task<IActionResult> OnPostIssueAsync(string kind, int version, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, StaffPolicies.WorkRequests)).Succeeded)
        {
            return Forbid();
        }

        var request = await issuer.LoadAsync(Id, cancellationToken);
        if (request is null || !LetterKinds.TryParse(kind, out var letterKind))
        {
            return NotFound();
        }

        var actor = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
        var result = await issuer.IssueAsync(request, letterKind, version, actor, cancellationToken);
        if (result.Letter is not null)
        {
            return RedirectToPage(new { id = Id, done = result.Letter.Id });
        }

        // Show the page again from the database, with the reason the issue was refused.
        HttpContext.RequestServices.GetRequiredService<Data.PrivacyDeskDbContext>().ChangeTracker.Clear();
        await ShowAsync(cancellationToken);
        Error = Localized.Text(result.Refusal!.Message);
        Response.StatusCode = result.Refusal.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> ShowAsync(CancellationToken cancellationToken)
    {
        Found = await issuer.LoadAsync(Id, cancellationToken);
        if (Found is null)
        {
            return false;
        }

        Issued = await issuer.IssuedAsync(Id, cancellationToken);
        Available = LetterIssuer.Applicable(Found, Issued);
        CanWork = (await authorization.AuthorizeAsync(User, StaffPolicies.WorkRequests)).Succeeded;
        return true;
    }

    public AuditedRead? AuditedRead(string action) => new(Id, shownDetails);

    private FileContentResult Pdf(byte[] pdf, string fileName, bool inline)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers.ContentDisposition = $"{(inline ? "inline" : "attachment")}; filename=\"{fileName}\"";
        return File(pdf, "application/pdf");
    }
}
