using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Letters;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Letters;

namespace PrivacyDesk.Web.Pages.Staff.Letters;

/// <summary>Why an issue was refused, in both languages; <see cref="Conflict"/> marks a concurrent change.</summary>
public sealed record IssueRefusal(Label Message, bool Conflict = false);

public sealed record IssueResult(IssuedLetter? Letter, IssueRefusal? Refusal);

/// <summary>
/// Previews and issues letters for one request (loaded by the page's pipeline, <see cref="Requests.RequestWorkbench"/>). A preview is rendered on the fly and never stored; an issue stores the
/// exact PDF with its SHA-256, records "letter.issued", queues the member's notice (electronic delivery) and, for the
/// last result letter of an approved decision, closes the request: all in one SaveChanges, so all or nothing.
/// </summary>
public sealed class LetterIssuer(
    PrivacyDeskDbContext db, LetterEngine engine, AuditTrail audit, LetterNoticeMail notice, TimeProvider clock, LetterSealing sealing)
{
    public static readonly Label ConflictMessage = new(
        "この請求は、画面を表示した後に他の職員によって更新されました。最新の内容を確認してから、もう一度操作してください。",
        "Someone else updated this request after you opened the page. Check the latest state and try again.");

    public async Task<IReadOnlyList<IssuedLetterSummary>> IssuedAsync(Guid requestId, CancellationToken cancellationToken) =>
        await db.Letters.AsNoTracking()
            .Where(l => l.RequestId == requestId)
            .OrderBy(l => l.IssuedAt)
            .Select(l => new IssuedLetterSummary(l.Id, l.Kind, l.IssuedAt, l.IssuedBy, l.Sha256))
            .ToListAsync(cancellationToken);

    public static IReadOnlyList<LetterAvailability> Applicable(PrivacyRequest request, IEnumerable<IssuedLetterSummary> issued) =>
        LetterKinds.Applicable(request, IssuedKinds(issued));

    public DateOnly Today => JapaneseText.JstDate(clock.GetUtcNow());

    /// <summary>Renders a letter for staff to read before issuing it (the page records the read).</summary>
    public async Task<byte[]?> PreviewAsync(PrivacyRequest request, LetterKind kind, CancellationToken cancellationToken)
    {
        var issued = await IssuedAsync(request.Id, cancellationToken);
        if (Applicable(request, issued).All(a => a.Kind != kind))
        {
            return null;
        }

        return engine.Render(kind, request, Today);
    }

    public async Task<IssueResult> IssueAsync(PrivacyRequest request, LetterKind kind, int shownVersion, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Version != shownVersion)
        {
            return new IssueResult(null, new IssueRefusal(ConflictMessage, Conflict: true));
        }

        var issued = await IssuedAsync(request.Id, cancellationToken);
        var availability = Applicable(request, issued).FirstOrDefault(a => a.Kind == kind);
        if (availability is null)
        {
            return new IssueResult(null, new IssueRefusal(new("この請求には、この書類を発行できません。", "This letter does not apply to the request.")));
        }

        if (!availability.CanIssue)
        {
            return new IssueResult(null, new IssueRefusal(availability.Blocked ?? new("発行できません。", "It cannot be issued.")));
        }

        var now = clock.GetUtcNow();
        var closes = LetterKinds.CompletesAnswer(request, IssuedKinds(issued), kind);
        return await StoreAsync(request, kind, engine.Render(kind, request, JapaneseText.JstDate(now)), Guid.CreateVersion7(), closes, shownVersion, actor, now, cancellationToken);
    }

    /// <summary>
    /// Issues the 領収書 for one payment (money received, not a refund), once: the receipt's letter id is the payment's
    /// id, so a second issue is refused here and, should two arrive at once, by the primary key and the version.
    /// </summary>
    public async Task<IssueResult> IssueReceiptAsync(PrivacyRequest request, Guid paymentId, int shownVersion, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Version != shownVersion)
        {
            return new IssueResult(null, new IssueRefusal(ConflictMessage, Conflict: true));
        }

        var issued = await db.Letters.AsNoTracking().AnyAsync(l => l.Id == paymentId && l.RequestId == request.Id, cancellationToken);
        if (LetterKinds.ReceiptBlocked(request, paymentId, issued) is { } blocked)
        {
            return new IssueResult(null, new IssueRefusal(blocked));
        }

        var now = clock.GetUtcNow();
        var pdf = engine.Render(LetterKind.Receipt, request, JapaneseText.JstDate(now), paymentId);
        return await StoreAsync(request, LetterKind.Receipt, pdf, paymentId, closes: false, shownVersion, actor, now, cancellationToken);
    }

    /// <summary>
    /// Issues a letter with the member's status code printed (ADR 0024): the 確認用コードのお知らせ of a code just reissued,
    /// or the acknowledgement of a postal request. Any change on <paramref name="request"/> (the reissue) is saved with it
    /// in one SaveChanges against the version shown. The stored copy prints the code masked (the code is never stored),
    /// with the SHA-256 of that copy; the copy with <paramref name="code"/> printed is returned to be printed and posted,
    /// and exists nowhere else.
    /// </summary>
    public async Task<(IssueResult Result, byte[]? Printed)> IssueWithStatusCodeAsync(
        PrivacyRequest request, LetterKind kind, string code, int shownVersion, string actor, CancellationToken cancellationToken)
    {
        if (kind is not (LetterKind.StatusCodeNotice or LetterKind.Acknowledgement))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only the status-code notice and the acknowledgement print a status code.");
        }

        ArgumentNullException.ThrowIfNull(request);
        if (request.Version != shownVersion)
        {
            return (new IssueResult(null, new IssueRefusal(ConflictMessage, Conflict: true)), null);
        }

        var now = clock.GetUtcNow();
        var today = JapaneseText.JstDate(now);
        var kept = engine.Render(kind, request, today, statusCode: LetterComposer.MaskedStatusCode);
        var result = await StoreAsync(request, kind, kept, Guid.CreateVersion7(), closes: false, shownVersion, actor, now, cancellationToken);
        return (result, result.Letter is null ? null : engine.Render(kind, request, today, statusCode: code));
    }

    /// <summary>The payments of a request that have a receipt, each with its receipt (the letter's id is the payment's).</summary>
    public async Task<IReadOnlySet<Guid>> ReceiptedPaymentsAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var code = LetterKinds.Code(LetterKind.Receipt);
        return (await db.Letters.AsNoTracking().Where(l => l.RequestId == requestId && l.Kind == code).Select(l => l.Id).ToListAsync(cancellationToken))
            .ToHashSet();
    }

    /// <summary>Stores the exact PDF sealed with its SHA-256, closes the request if this answers it, queues the notice, raises LetterIssued: one SaveChanges.</summary>
    private async Task<IssueResult> StoreAsync(
        PrivacyRequest request, LetterKind kind, byte[] pdf, Guid letterId, bool closes, int shownVersion, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var letter = new IssuedLetter
        {
            Id = letterId,
            RequestId = request.Id,
            Kind = LetterKinds.Code(kind),
            IssuedAt = now,
            IssuedBy = actor,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf)),
        };

        // Stored sealed (disclosed personal data); the hash above stays that of the plain PDF.
        letter.Pdf = sealing.Seal(letter.Id, pdf);
        db.Letters.Add(letter);
        var package = await DisclosureCsvAsync(request, kind, now, actor, cancellationToken);

        if (closes)
        {
            // Decided → Closed through the domain, which refuses an unapproved decision.
            request.Close(actor, now);
        }

        // The status-code notice goes by post only (its mail is the status-code mail, sent by the page instead).
        var mailed = kind != LetterKind.StatusCodeNotice
            && (request.Delivery == DeliveryMethod.Electronic || LetterKinds.MailedWhereEmailExists(kind)) && notice.Enqueue(request, kind, now);
        audit.Raise(new Domain.Events.LetterIssued(request.Id, letter.Id, letter.Kind, letter.Sha256, closes, mailed));
        if (package is not null)
        {
            // The CSV beside the PDF is issued with it, in the same unit of work; the member's one notice covers both.
            audit.Raise(new Domain.Events.LetterIssued(request.Id, package.Id, package.Kind, package.Sha256, Closes: false, Mailed: false));
        }

        // The request's version guards the issue even when nothing else on it changes: a second issue from the same
        // page (another tab, another person) finds the version moved and is refused.
        var entry = db.Entry(request);
        entry.Property(r => r.Version).OriginalValue = shownVersion;
        entry.Property(r => r.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new IssueResult(null, new IssueRefusal(ConflictMessage, Conflict: true));
        }

        return new IssueResult(letter, null);
    }

    /// <summary>
    /// The disclosure package's CSV for a result letter of electronic delivery (<see cref="DisclosureCsv.For"/>), added
    /// to the unit of work stored like a letter: sealed, with the SHA-256 of the plain bytes. Provision records come from
    /// the register rows the decision selected that are still held; a decision without selected records (content typed
    /// before the register) has its PDF only.
    /// </summary>
    private async Task<IssuedLetter?> DisclosureCsvAsync(PrivacyRequest request, LetterKind kind, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        var code = DisclosureCsv.For(request, kind);
        if (code is null)
        {
            return null;
        }

        byte[] csv;
        if (code == DisclosureCsv.PersonalDataCode)
        {
            csv = DisclosureCsv.PersonalData(request.Decision!.ContentOf(RequestKind.Disclosure)!);
        }
        else
        {
            var ids = request.Decision!.Outcomes.Single(o => o.Kind == RequestKind.ThirdPartyProvisionRecordDisclosure).ProvisionRecordIds;
            var records = ids.Count == 0
                ? []
                : await db.ProvisionRecords.AsNoTracking().Where(r => ids.Contains(r.Id) && r.PurgedAt == null).ToListAsync(cancellationToken);
            if (records.Count == 0)
            {
                return null;
            }

            csv = DisclosureCsv.Records(records);
        }

        var file = new IssuedLetter
        {
            Id = Guid.CreateVersion7(),
            RequestId = request.Id,
            Kind = code,
            IssuedAt = now,
            IssuedBy = actor,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(csv)),
        };
        file.Pdf = sealing.Seal(file.Id, csv);
        db.Letters.Add(file);
        return file;
    }

    public async Task<IssuedLetter?> FindIssuedAsync(Guid requestId, Guid letterId, CancellationToken cancellationToken) =>
        await db.Letters.AsNoTracking().SingleOrDefaultAsync(l => l.Id == letterId && l.RequestId == requestId, cancellationToken);

    /// <summary>The plain PDF of an issued letter, opened from its sealed envelope for a download.</summary>
    public byte[] OpenPdf(IssuedLetter letter) => sealing.Open(letter);

    private static LetterKind[] IssuedKinds(IEnumerable<IssuedLetterSummary> issued) =>
        issued.Select(l => LetterKinds.TryParse(l.Kind, out var k) ? (LetterKind?)k : null).OfType<LetterKind>().ToArray();
}

public sealed record IssuedLetterSummary(Guid Id, string Kind, DateTimeOffset IssuedAt, string IssuedBy, string Sha256);
