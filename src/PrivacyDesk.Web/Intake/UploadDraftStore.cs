using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Documents;

namespace PrivacyDesk.Web.Intake;

/// <summary>
/// Keeps a form's uploads between posts: each file is inspected and sanitised when it arrives, then sealed (encrypted)
/// and stored as a draft under the form's secret key. Submitting the form turns the drafts into filed documents.
/// </summary>
public sealed class UploadDraftStore(
    PrivacyDeskDbContext db,
    DocumentInspector inspector,
    DocumentVault vault,
    TimeProvider clock,
    ILogger<UploadDraftStore> logger)
{
    /// <summary>How long an unsubmitted upload is kept.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static string NewKey() => AccessToken.Create();

    public static bool IsWellFormedKey(string? key) =>
        key is { Length: >= 20 and <= 64 } && key.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_');

    public async Task<IReadOnlyList<UploadDraft>> ListAsync(string? key, CancellationToken cancellationToken)
    {
        if (!IsWellFormedKey(key))
        {
            return [];
        }

        var hash = AccessToken.Hash(key!);
        var since = clock.GetUtcNow() - Lifetime;
        return await db.UploadDrafts
            .Where(d => d.DraftKeyHash == hash && d.CreatedAt > since)
            .OrderBy(d => d.Role)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Inspects and stores one upload, replacing the earlier one in the same slot. Returns an error message, or null.</summary>
    public async Task<string?> SaveAsync(string key, DocumentRole role, IFormFile file, CancellationToken cancellationToken)
    {
        var hash = AccessToken.Hash(key);
        var others = await db.UploadDrafts
            .Where(d => d.DraftKeyHash == hash && d.Role != role)
            .SumAsync(d => (long?)d.SizeBytes, cancellationToken) ?? 0;
        if (inspector.CheckRequestTotal(others + file.Length) is { } tooLarge)
        {
            return tooLarge.Message;
        }

        DocumentCheckResult result;
        await using (var stream = file.OpenReadStream())
        {
            result = await inspector.InspectAsync(stream, file.Length, cancellationToken);
        }

        if (!result.IsAccepted)
        {
            logger.LogInformation("Upload for {Role} refused: {Code} ({Bytes} bytes)", role, result.Error.Code, file.Length);
            return result.Error.Message;
        }

        var previous = await db.UploadDrafts.Where(d => d.DraftKeyHash == hash && d.Role == role).ToListAsync(cancellationToken);
        db.UploadDrafts.RemoveRange(previous);
        var draft = new UploadDraft
        {
            DraftKeyHash = hash,
            Role = role,
            ContentType = result.Document.ContentType,
            SizeBytes = result.Document.SizeBytes,
            Sha256 = result.Document.Sha256,
            CreatedAt = clock.GetUtcNow(),
        };
        var sealedContent = vault.Seal(draft.Id, result.Document.Bytes);
        draft.KeyId = sealedContent.KeyId;
        draft.Ciphertext = sealedContent.Ciphertext;
        db.UploadDrafts.Add(draft);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Upload {DraftId} for {Role} kept as a draft ({Bytes} bytes)", draft.Id, role, draft.SizeBytes);
        return null;
    }

    /// <summary>Deletes drafts older than <see cref="Lifetime"/>: forms that were never submitted.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - Lifetime;
        return await db.UploadDrafts.Where(d => d.CreatedAt <= before).ExecuteDeleteAsync(cancellationToken);
    }
}
