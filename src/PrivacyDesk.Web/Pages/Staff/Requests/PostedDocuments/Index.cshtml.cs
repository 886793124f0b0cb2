using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Staff.Requests.PostedDocuments;

/// <summary>
/// 郵送書類の登録: staff attach a scan of a document that came by post to an existing request, with the day it arrived
/// (ADR 0022). The scan passes the filing form's checks and is encrypted (<see cref="DocumentReceiver"/>); it replaces
/// the current document of its slot, which is kept marked superseded; a request returned for deficiency goes back to
/// 本人確認中 with its clock running from the arrival. The documents, the contents and the audit row are one save
/// against the version the staff member saw.
/// </summary>
[Authorize(Policy = StaffPolicies.WorkRequests)]
[AuditsPersonalDataRead(AuditActions.RequestViewed)]
public sealed class IndexModel(
    RequestWorkbench workbench,
    IAuthorizationService authorization,
    DocumentReceiver receiver,
    PrivacyDeskDbContext db,
    TimeProvider clock) : StaffRequestPage(workbench, authorization)
{
    [BindProperty]
    public PostedDocumentInput Posted { get; set; } = new();

    public DateOnly TodayJst => Domain.Text.JapaneseText.JstDate(clock.GetUtcNow());

    /// <summary>The slots this request has, with the types each takes, and supporting documents.</summary>
    public IReadOnlyList<DocumentRequirement> Slots => DocumentRequirements.For(PrivacyRequest.RequesterType);

    public void OnGet() => Posted.ArrivedOn ??= TodayJst;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await ValidateAsync(Posted, nameof(Posted), cancellationToken))
        {
            return await InvalidAsync(cancellationToken);
        }

        // Cheap refusals first: nothing is decoded for a request that takes no documents now.
        if (!PrivacyRequest.AcceptsPostedDocuments)
        {
            return await ShowAgainAsync(new WorkOutcome(false, Hosting.Localized.Text(
                "本人確認が済んだ請求、または終了した請求には書類を追加できません。",
                "Documents cannot be added once the ID check has accepted them or the request has ended."), null), cancellationToken);
        }

        var received = await receiver.ReceiveAsync(
            [new IncomingDocument(Posted.Role!.Value, Posted.Type!.Value, Posted.Scan!, nameof(Posted.Scan), Posted.IssuedOn)], cancellationToken);
        if (!received.IsAccepted)
        {
            foreach (var (field, message) in received.Errors)
            {
                ModelState.AddModelError($"{nameof(Posted)}.{field}", message);
            }

            return await InvalidAsync(cancellationToken);
        }

        return await ChangeAsync(() =>
        {
            PrivacyRequest.AttachPostedDocuments(received.Documents.Select(d => d.Document).ToArray(), Posted.ArrivedOn!.Value, Actor, clock.GetUtcNow());
            db.DocumentContents.AddRange(received.Documents.Select(d => d.Content));
        }, new Label("郵送された書類を登録しました。", "The posted document was attached."), cancellationToken, $"/staff/requests/{RequestId}/documents");
    }
}
