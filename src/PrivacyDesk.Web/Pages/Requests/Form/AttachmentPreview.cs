using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Intake;

namespace PrivacyDesk.Web.Pages.Requests.Form;

/// <summary>What the member picked for one draft: the file's name and size as on their device (the stored copy is
/// re-encoded without its metadata, so its size differs).</summary>
public sealed record AttachmentName(string Name, long Bytes);

/// <summary>
/// The confirmation step's view of the attachments: each draft's original file name (carried in a sealed hidden field,
/// since drafts store no name) and a thumbnail of images at GET /requests/attachments/{handle}.
/// </summary>
/// <remarks>
/// Think attacker: a thumbnail shows an ID document. The handle is sealed with Data Protection under this browser's
/// form secret (the HttpOnly <see cref="RequestFormPageModel.BrowserCookieName"/> cookie) and expires with the drafts, and
/// it names both the draft id and the hash of the form's secret draft key. Another browser, a copied URL, a guessed id
/// or an expired or filed draft all get the same 404, decided before any decryption. Answers are never cached.
/// </remarks>
public sealed class AttachmentPreview(IDataProtectionProvider dataProtection, IOptions<UploadDraftOptions> drafts)
{
    public const string Route = "/requests/attachments/{handle}";
    private const string NamesPurpose = "PrivacyDesk.RequestForm.AttachmentNames.v1";
    private const string ThumbnailPurpose = "PrivacyDesk.RequestForm.Thumbnail.v1";
    private const int ThumbnailPixels = 240;

    private TimeSpan Lifetime => drafts.Value.IdleLifetime;

    /// <summary>The names of the form's drafts, from the sealed hidden field; empty when absent or not sealed for this browser.</summary>
    public Dictionary<Guid, AttachmentName> OpenNames(string? sealedNames, string browserSecret)
    {
        if (string.IsNullOrEmpty(sealedNames))
        {
            return [];
        }

        try
        {
            var json = dataProtection.CreateProtector(NamesPurpose, browserSecret).Unprotect(sealedNames);
            return JsonSerializer.Deserialize<Dictionary<Guid, AttachmentName>>(json) ?? [];
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return [];
        }
    }

    public string SealNames(Dictionary<Guid, AttachmentName> names, string browserSecret) =>
        dataProtection.CreateProtector(NamesPurpose, browserSecret).Protect(JsonSerializer.Serialize(names));

    /// <summary>The name as shown: the last path segment, without control characters, at most 100 characters.</summary>
    public static string SafeName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/'));
        name = new string(name.Where(ch => !char.IsControl(ch) && ch is not ('\u200B' or '\u200E' or '\u200F' or '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069')).ToArray()).Trim();
        return name.Length > 100 ? name[..100] : name;
    }

    /// <summary>The URL of a draft's thumbnail for this browser, valid as long as the draft can live.</summary>
    public string ThumbnailUrl(UploadDraft draft, string browserSecret) =>
        "/requests/attachments/" + dataProtection.CreateProtector(ThumbnailPurpose, browserSecret).ToTimeLimitedDataProtector()
            .Protect($"{draft.Id:N}|{draft.DraftKeyHash}", Lifetime);

    public static bool HasThumbnail(UploadDraft draft) => draft.ContentType.StartsWith("image/", StringComparison.Ordinal);

    public static IEndpointRouteBuilder MapAttachmentPreview(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, ThumbnailAsync).AllowAnonymous();
        return endpoints;
    }

    internal static async Task<IResult> ThumbnailAsync(
        string handle, HttpContext context, AttachmentPreview preview, PrivacyDeskDbContext db, DocumentVault vault,
        DocumentInspector inspector, TimeProvider clock, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        var secret = RequestFormPageModel.ExistingBrowserSecret(context.Request);
        if (secret is null || preview.OpenHandle(handle, secret) is not { } target)
        {
            return NotFound();
        }

        var since = clock.GetUtcNow() - preview.Lifetime;
        var draft = await db.UploadDrafts.AsNoTracking()
            .SingleOrDefaultAsync(d => d.Id == target.DraftId && d.DraftKeyHash == target.KeyHash && d.CreatedAt > since, cancellationToken);
        if (draft is null || !HasThumbnail(draft))
        {
            return NotFound();
        }

        var plaintext = vault.Open(new DocumentContent { DocumentId = draft.Id, KeyId = draft.KeyId, Ciphertext = draft.Ciphertext });
        try
        {
            return Results.File(await inspector.ThumbnailAsync(plaintext, ThumbnailPixels, cancellationToken), "image/jpeg");
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
        }

        // The same answer (the site's 404 page) whatever failed, so that a prober learns nothing.
        static IResult NotFound() => Results.NotFound();
    }

    private (Guid DraftId, string KeyHash)? OpenHandle(string handle, string browserSecret)
    {
        try
        {
            var value = dataProtection.CreateProtector(ThumbnailPurpose, browserSecret).ToTimeLimitedDataProtector().Unprotect(handle);
            var parts = value.Split('|');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var id) ? (id, parts[1]) : null;
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return null;
        }
    }
}
