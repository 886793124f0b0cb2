using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Staff.Requests;

namespace PrivacyDesk.Web.Pages.Staff.Requests.Document;

/// <summary>
/// Shows one ID document inline, decrypted for this response only. Every view is an audit event in the same unit of
/// work, so no one sees a document without leaving a trace. Never cached by the browser or a proxy.
/// </summary>
[AuditsPersonalDataRead(AuditActions.DocumentViewed)]
public sealed class IndexModel(PrivacyDeskDbContext db, DocumentVault vault) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid documentId, CancellationToken cancellationToken)
    {
        var document = await db.Documents.AsNoTracking()
            .Where(d => d.Id == documentId && EF.Property<Guid>(d, "RequestId") == id)
            .Select(d => new { d.Id, d.ContentType, d.Type, d.PurgedAt })
            .SingleOrDefaultAsync(cancellationToken);
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
