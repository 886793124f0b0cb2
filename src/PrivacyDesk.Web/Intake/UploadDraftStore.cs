using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Intake;

/// <summary>
/// Keeps a form's uploads between posts: each file is inspected and sanitised when it arrives, then sealed (encrypted)
/// and stored as a draft under the form's secret key, replacing the form's earlier file in the same slot. Submitting
/// the form turns the drafts into filed documents. Drafts are bounded: per client address (<see cref="UploadDraftQuota"/>),
/// in total (counted in the database), and in time (<see cref="UploadDraftOptions.IdleLifetime"/> after the form was
/// last posted; <see cref="UploadDraft.CreatedAt"/> is moved forward each time, so it holds "last used").
/// </summary>
public sealed class UploadDraftStore(
    PrivacyDeskDbContext db,
    DocumentInspector inspector,
    DocumentVault vault,
    UploadDraftQuota quota,
    IOptions<UploadDraftOptions> options,
    TimeProvider clock,
    ILogger<UploadDraftStore> logger)
{
    /// <summary>A form posted again within this time does not rewrite its drafts' clock (one write per minute at most).</summary>
    private static readonly TimeSpan TouchGranularity = TimeSpan.FromMinutes(1);

    public static string NewKey() => AccessToken.Create();

    public static bool IsWellFormedKey(string? key) =>
        key is { Length: >= 20 and <= 64 } && key.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_');

    /// <summary>
    /// The form's live drafts; the form is in use, so their idle clock starts again. Only filing needs what was uploaded
    /// (<paramref name="withContent"/>): the form and its confirmation step show names and thumbnails, so by default the
    /// drafts come without their <see cref="UploadDraft.Ciphertext"/> (empty), and nothing is tracked.
    /// </summary>
    public async Task<IReadOnlyList<UploadDraft>> ListAsync(string? key, string client, CancellationToken cancellationToken, bool withContent = false)
    {
        if (!IsWellFormedKey(key))
        {
            return [];
        }

        var hash = AccessToken.Hash(key!);
        var now = clock.GetUtcNow();
        var since = now - options.Value.IdleLifetime;
        var live = db.UploadDrafts.AsNoTracking()
            .Where(d => d.DraftKeyHash == hash && d.CreatedAt > since)
            .OrderBy(d => d.Role);
        var drafts = withContent
            ? await live.ToListAsync(cancellationToken)
            : await live.Select(d => new UploadDraft
            {
                Id = d.Id,
                DraftKeyHash = d.DraftKeyHash,
                Role = d.Role,
                ContentType = d.ContentType,
                SizeBytes = d.SizeBytes,
                Sha256 = d.Sha256,
                KeyId = d.KeyId,
                CreatedAt = d.CreatedAt,
            }).ToListAsync(cancellationToken);
        var stale = now - TouchGranularity;
        if (drafts.Any(d => d.CreatedAt < stale))
        {
            await db.UploadDrafts
                .Where(d => d.DraftKeyHash == hash && d.CreatedAt > since)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.CreatedAt, now), cancellationToken);
            quota.Touch(client, drafts.Select(d => d.Id));
        }

        return drafts;
    }

    /// <summary>
    /// Inspects and stores one upload, replacing the earlier one in the same slot of the same form. Returns an error
    /// message (the form is shown again with it, nothing is stored), or null.
    /// </summary>
    public async Task<string?> SaveAsync(string key, DocumentRole role, IFormFile file, string client, CancellationToken cancellationToken)
    {
        var hash = AccessToken.Hash(key);
        var formDrafts = await db.UploadDrafts
            .Where(d => d.DraftKeyHash == hash)
            .Select(d => new { d.Id, d.Role, d.SizeBytes })
            .ToListAsync(cancellationToken);
        var others = formDrafts.Where(d => d.Role != role).Sum(d => d.SizeBytes);
        if (inspector.CheckRequestTotal(others + file.Length) is { } tooLarge)
        {
            return tooLarge.Message;
        }

        // Refused before any decoding: an address over its quota, or a full store, costs a query and no CPU.
        var replacing = formDrafts.Where(d => d.Role == role).Select(d => d.Id).ToList();
        if (!quota.Fits(client, file.Length, replacing))
        {
            return ClientQuotaReached();
        }

        if (await GlobalCapReachedAsync(file.Length, replacing, cancellationToken))
        {
            return GlobalCapMessage();
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

        var draft = new UploadDraft
        {
            DraftKeyHash = hash,
            Role = role,
            ContentType = result.Document.ContentType,
            SizeBytes = result.Document.SizeBytes,
            Sha256 = result.Document.Sha256,
            CreatedAt = clock.GetUtcNow(),
        };
        if (!quota.TryReserve(client, draft.Id, draft.SizeBytes, replacing))
        {
            return ClientQuotaReached(); // another post of the same client took the room meanwhile
        }

        try
        {
            var sealedContent = vault.Seal(draft.Id, result.Document.Bytes);
            draft.KeyId = sealedContent.KeyId;
            draft.Ciphertext = sealedContent.Ciphertext;
            // The old file of the slot goes in the same save as the new one: never both, never neither.
            db.UploadDrafts.RemoveRange(replacing.Select(id => new UploadDraft { Id = id }));
            db.UploadDrafts.Add(draft);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            quota.Release(client, [draft.Id]);
            throw;
        }

        logger.LogInformation("Upload {DraftId} for {Role} kept as a draft ({Bytes} bytes)", draft.Id, role, draft.SizeBytes);
        return null;
    }

    /// <summary>The drafts were filed with a request (or dropped): the client's quota no longer counts them.</summary>
    public void Forget(string client, IEnumerable<UploadDraft> drafts) => quota.Release(client, drafts.Select(d => d.Id));

    /// <summary>Deletes drafts idle for longer than <see cref="UploadDraftOptions.IdleLifetime"/>: forms that were abandoned.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        quota.Prune();
        var before = clock.GetUtcNow() - options.Value.IdleLifetime;
        return await db.UploadDrafts.Where(d => d.CreatedAt <= before).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// The global cap, over all live drafts in the database (so over all instances). Checked before each store:
    /// posts running at the same moment may pass it together, by at most their own files.
    /// </summary>
    private async Task<bool> GlobalCapReachedAsync(long bytes, List<Guid> replacing, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - options.Value.IdleLifetime;
        var live = db.UploadDrafts.Where(d => d.CreatedAt > since && !replacing.Contains(d.Id));
        var count = await live.CountAsync(cancellationToken);
        var total = count == 0 ? 0 : await live.SumAsync(d => d.SizeBytes, cancellationToken);
        var reached = count + 1 > options.Value.MaxTotalDrafts || total + bytes > options.Value.MaxTotalBytes;
        if (reached)
        {
            logger.LogWarning("Upload refused: the drafts' global cap is reached ({Count} drafts, {Bytes} bytes)", count, total);
        }

        return reached;
    }

    private string ClientQuotaReached()
    {
        logger.LogWarning("Upload refused: the client's draft quota is reached");
        return ClientQuotaMessage(options.Value.IdleLifetime);
    }

    /// <summary>The answer to a client over its quota: when to come back, and that nothing was stored.</summary>
    internal static string ClientQuotaMessage(TimeSpan idleLifetime)
    {
        var hours = Math.Max(1, (int)Math.Ceiling(idleLifetime.TotalHours));
        return Localized.Text(
            $"短時間に多くのファイルが送信されたため、これ以上ファイルを受け付けられません（ファイルは保存されていません）。{hours}時間ほど時間をおいてから、もう一度お試しください。入力した内容はそのまま残っています。",
            $"Too many files were uploaded from your connection in a short time, so this file was not accepted (nothing was stored). Please try again in about {hours} hour{(hours == 1 ? string.Empty : "s")}. Your other entries are kept.");
    }

    /// <summary>The answer when all drafts together reach the global cap.</summary>
    internal static string GlobalCapMessage() => Localized.Text(
        "現在、ファイルの受付が混み合っているため、ファイルを保存できませんでした（ファイルは保存されていません）。しばらく時間をおいてから、もう一度お試しください。入力した内容はそのまま残っています。",
        "We are receiving too many files right now, so this file could not be kept (nothing was stored). Please try again later. Your other entries are kept.");
}
