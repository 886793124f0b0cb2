using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Documents;

namespace PrivacyDesk.Web.Pages.Staff.Requests.Document;

/// <summary>
/// Shows one ID document of the request inline, decrypted for this response only. Every view is an audit event
/// (written by the read filter before the file is sent), so no one sees a document without leaving a trace. Never
/// cached by the browser or a proxy.
/// </summary>
[AuditsPersonalDataRead(AuditActions.DocumentViewed)]
public sealed class IndexModel(RequestWorkbench workbench, IAuthorizationService authorization, PrivacyDeskDbContext db, DocumentVault vault)
    : StaffRequestPage(workbench, authorization)
{
    public async Task<IActionResult> OnGetAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var document = PrivacyRequest.Documents.SingleOrDefault(d => d.Id == documentId);
        if (document is null || document.PurgedAt is not null)
        {
            return NotFound();
        }

        var content = await db.DocumentContents.AsNoTracking().SingleOrDefaultAsync(c => c.DocumentId == documentId, cancellationToken);
        if (content is null)
        {
            return NotFound();
        }

        var plaintext = vault.Open(content);

        Response.Headers.CacheControl = "no-store";
        Response.Headers.ContentDisposition = $"inline; filename=\"document-{documentId:N}{Extension(document.ContentType)}\"";
        return File(plaintext, document.ContentType);
    }

    private static string Extension(string contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "application/pdf" => ".pdf",
        _ => string.Empty,
    };
}
