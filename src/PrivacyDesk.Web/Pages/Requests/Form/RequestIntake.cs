using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Mail;
using PrivacyDesk.Web.Intake;

namespace PrivacyDesk.Web.Pages.Requests.Form;

/// <summary>What the member gets back once the request is filed. The token is shown once and never stored.</summary>
public sealed record IntakeReceipt(Guid RequestId, string ReferenceNumber, string AccessToken, RequestFamily Family, int FeeDueYen, DeliveryMethod? Delivery = null);

/// <summary>
/// Files a validated request: reference number, people, request, documents (re-encrypted under their own ids), the
/// acknowledgement mail and the audit event, all in one transaction. Either all of it is stored, or none of it.
/// <para>
/// The reference number comes from one counter row per year, and that row stays locked until commit (it is part of the
/// transaction, so a rolled-back submission leaves no gap). Everything that does not need the number (people, the
/// re-encryption of the documents) is therefore prepared before the transaction opens; the number is the first
/// statement of a transaction that then only writes: counter, chain head, one batch of inserts, commit. The whole
/// transaction runs under the provider's execution strategy, so a transient failure (a lock or command timeout, a
/// dropped connection, SQLite busy) rolls everything back and tries again with a fresh number.
/// </para>
/// </summary>
public sealed class RequestIntake(
    PrivacyDeskDbContext db,
    ReferenceNumberAllocator allocator,
    DocumentVault vault,
    FeePolicy feePolicy,
    DeadlineClock deadlineClock,
    AcknowledgementMail acknowledgement,
    AuditTrail audit,
    IdentityDocumentCatalogue catalogue,
    TimeProvider clock,
    ILogger<RequestIntake> logger)
{
    public async Task<IntakeReceipt> SubmitAsync(
        RequestFamily family,
        RequestFormInput input,
        Channel channel,
        DateTimeOffset receivedAt,
        IReadOnlyList<UploadDraft> drafts,
        string actor,
        CancellationToken cancellationToken)
    {
        // Outside the transaction: nothing here needs the reference number, and the re-encryption is the costly part.
        var token = AccessToken.CreateStatusCode();
        var principal = ToPerson(input.Principal, PartyRole.Principal);
        var agent = input.HasAgent ? ToPerson(input.Agent, PartyRole.Agent) : null;
        var documents = new List<(IdentityDocument Document, DocumentContent Content)>(drafts.Count);
        foreach (var draft in drafts)
        {
            // An address proof uploaded before the member changed the ID to one that shows the address is not filed.
            if (!IsNeeded(input, draft.Role))
            {
                continue;
            }

            var type = DocumentTypeFor(input, draft.Role);
            var document = new IdentityDocument(draft.Role, type, draft.ContentType, draft.SizeBytes, draft.Sha256, draft.CreatedAt,
                draft.Role == DocumentRole.Authority && DocumentRequirements.NeedsFreshness(type) ? input.AuthorityIssuedOn.ToDate() : null);

            // The draft was sealed under the draft's id; the filed document is sealed under its own id, so a ciphertext
            // cannot be moved from one row to another.
            var plaintext = vault.Open(new DocumentContent { DocumentId = draft.Id, KeyId = draft.KeyId, Ciphertext = draft.Ciphertext });
            try
            {
                documents.Add((document, vault.Seal(document.Id, plaintext)));
            }
            finally
            {
                // The identity document in the clear lives no longer than this copy needs to.
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
            }
        }

        IntakeReceipt? attempted = null;
        var receipt = await db.RetriedAsync(
            async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);

                // A failed save rolls the whole transaction back (and the strategy starts again), so the savepoints that
                // would let it carry on are round trips inside the lock window for nothing.
                db.Database.AutoSavepointsEnabled = false;
                try
                {
                    var now = clock.GetUtcNow();
                    var reference = await allocator.NextAsync(receivedAt, ct);
                    var request = new PrivacyRequest(
                        reference,
                        AccessToken.HashStatusCode(token),
                        family,
                        input.Kinds,
                        channel,
                        input.RequesterType!.Value,
                        principal,
                        agent,
                        new RequestDetails(
                            input.DataDescription ?? string.Empty,
                            input.CurrentContent,
                            input.CorrectContent,
                            input.StopGrounds,
                            input.StopGroundDetail,
                            input.Delivery),
                        receivedAt,
                        feePolicy,
                        deadlineClock,
                        actor,
                        now);
                    foreach (var (document, content) in documents)
                    {
                        request.AttachDocument(document, catalogue);
                        db.DocumentContents.Add(content);
                    }

                    db.Requests.Add(request);
                    // By key: the drafts were read untracked, and a stub carries no copy of the ciphertext to snapshot.
                    db.UploadDrafts.RemoveRange(drafts.Select(d => new UploadDraft { Id = d.Id }));
                    acknowledgement.Enqueue(request, token, now);
                    attempted = new IntakeReceipt(request.Id, reference, token, family, request.FeeDueYen, request.Delivery);

                    // The request's events (filed, each document attached) become its audit rows in this save, by the
                    // member online or by the staff user who keyed in a postal request.
                    using (actor == PrivacyRequest.MemberActor ? audit.UseActor(PrivacyRequest.MemberActor) : null)
                    {
                        await db.SaveChangesAsync(ct);
                    }

                    await transaction.CommitAsync(ct);
                    return attempted;
                }
                finally
                {
                    db.Database.AutoSavepointsEnabled = true;
                }
            },
            cancellationToken,
            // A commit whose answer was lost may have been applied: then the request is there, and filing it again would
            // file it twice.
            async ct => attempted is { } last && await db.Requests.AsNoTracking().AnyAsync(r => r.Id == last.RequestId, ct) ? last : null);

        logger.LogInformation("Request {RequestId} filed as {ReferenceNumber} ({Family}, {Channel}, {DocumentCount} documents)",
            receipt.RequestId, receipt.ReferenceNumber, family, channel, drafts.Count);
        return receipt;
    }

    private static DocumentType DocumentTypeFor(RequestFormInput input, DocumentRole role) => role switch
    {
        DocumentRole.PrincipalIdentity => input.PrincipalDocumentType ?? DocumentType.Other,
        DocumentRole.Authority => input.AuthorityDocumentType ?? DocumentType.Other,
        DocumentRole.AgentIdentity => input.AgentDocumentType ?? DocumentType.Other,
        DocumentRole.PrincipalAddressProof => input.PrincipalAddressProofType ?? DocumentType.Other,
        DocumentRole.AgentAddressProof => input.AgentAddressProofType ?? DocumentType.Other,
        _ => DocumentType.Other,
    };

    private bool IsNeeded(RequestFormInput input, DocumentRole role) => role switch
    {
        DocumentRole.PrincipalAddressProof => input.PrincipalDocumentType is { } id && catalogue.NeedsAddressProof(id),
        DocumentRole.AgentAddressProof => input.HasAgent && input.AgentDocumentType is { } id && catalogue.NeedsAddressProof(id),
        _ => true,
    };

    /// <summary>The person as it will be stored (names, kana, postcode and phone normalised by the domain); the confirmation step shows it.</summary>
    internal static Person ToPerson(PersonInput input, PartyRole role) => new(
        role,
        input.FullName ?? string.Empty,
        input.FullNameKana ?? string.Empty,
        input.BirthDate.ToDate() ?? throw new InvalidOperationException("Validate the form before filing it."),
        input.PostalCode ?? string.Empty,
        input.Prefecture ?? string.Empty,
        input.City ?? string.Empty,
        input.AddressLine ?? string.Empty,
        input.Phone ?? string.Empty,
        string.IsNullOrWhiteSpace(input.Email) ? null : JapaneseText.ToHalfWidth(input.Email).Trim(),
        input.MemberNumber,
        input.MemberCoop);
}

/// <summary>The 受付のお知らせ mail: reference number, status link, the fee for family (a), and what happens next.</summary>
public sealed class AcknowledgementMail(PrivacyDeskDbContext db, IOptions<OrganizationOptions> organization)
{
    public const string Kind = "request.acknowledgement";

    public void Enqueue(PrivacyRequest request, string token, DateTimeOffset now)
    {
        var to = (request.Agent ?? request.Principal).Email;
        if (string.IsNullOrWhiteSpace(to))
        {
            // Postal requests may carry no email: the acknowledgement goes by letter instead.
            return;
        }

        var org = organization.Value;
        var statusUrl = StatusLink.For(org.PublicBaseUrl, request.ReferenceNumber, token);
        var body = new System.Text.StringBuilder();
        MemberMailText.Greeting(body, (request.Agent ?? request.Principal).FullName, org);
        body.AppendLine($"「{Domain.Labels.Family(request.Family).Japanese}」を受け付けました。");
        body.AppendLine();
        body.AppendLine($"受付番号：{request.ReferenceNumber}");
        body.AppendLine($"受付日：{JapaneseText.ToWareki(JapaneseText.JstDate(request.ReceivedAt))}");
        body.AppendLine($"請求の種類：{string.Join("、", request.Kinds.Select(k => Domain.Labels.Kind(k).Japanese))}");
        body.AppendLine();
        body.AppendLine("処理状況は次のページでご確認いただけます（このリンクは他の方に知らせないでください）。");
        body.AppendLine(statusUrl);
        body.AppendLine();
        if (request.FeeDueYen > 0)
        {
            body.AppendLine("■ 手数料のお振込みについて");
            body.AppendLine($"手数料 {request.FeeDueYen:N0}円（1回の請求につき）を、次の口座へお振込みください。");
            body.AppendLine("不開示・非通知の場合も、所定の手数料をいただきます。");
            if (org.BankAccount.IsConfigured)
            {
                body.AppendLine($"  {org.BankAccount.OneLine}");
                body.AppendLine($"  口座名義：{org.BankAccount.AccountHolder}");
            }
            else
            {
                body.AppendLine($"  振込先の口座は、お問い合わせ窓口（電話 {org.Phone}）にお問い合わせください。");
            }

            body.AppendLine($"振込依頼人名の前に受付番号の数字（{ReferenceNumber.TransferDigits(request.ReferenceNumber)}）を入力してください。");
            body.AppendLine();
        }

        body.AppendLine("■ 今後の流れ");
        body.AppendLine("1. 本人確認書類を確認します。不備がある場合はご連絡します。");
        if (request.FeeDueYen > 0)
        {
            body.AppendLine("2. 手数料の入金を確認します。");
        }

        body.AppendLine($"{(request.FeeDueYen > 0 ? 3 : 2)}. 内容を調査し、結果を書面{(request.Delivery == DeliveryMethod.Electronic ? "（状況確認ページからのダウンロード）" : string.Empty)}でお知らせします。");
        body.AppendLine();
        MemberMailText.NoReplyFooter(body, org, withPostalAddress: true);

        MailOutbox.Enqueue(db, Kind, request.Id, to, $"【受付番号 {request.ReferenceNumber}】個人情報の開示等の請求を受け付けました", body.ToString(), now);
    }
}

public static class StatusLink
{
    /// <summary>The member's status link under <paramref name="baseUrl"/>: the configured public address (Organization:PublicBaseUrl), in mails and on the receipt.</summary>
    public static string For(string baseUrl, string referenceNumber, string token) =>
        $"{baseUrl.TrimEnd('/')}/requests/status?r={Uri.EscapeDataString(referenceNumber)}&t={Uri.EscapeDataString(token)}";
}
