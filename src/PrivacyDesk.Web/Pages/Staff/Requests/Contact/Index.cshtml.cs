using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Staff.Requests.Contact;

/// <summary>
/// 連絡先の訂正 (ADR 0024): staff correct the address, phone or email of the principal or the agent, with a reason.
/// The change goes through <see cref="Domain.Requests.PrivacyRequest.CorrectContact"/>, which keeps the old and new
/// values in the request's contact history and raises ContactCorrected (its audit row names fields and ids only).
/// The page shows contact details and their history, so every view is an audited read.
/// </summary>
[Authorize(Policy = StaffPolicies.WorkRequests)]
[AuditsPersonalDataRead(AuditActions.ContactViewed)]
public sealed class IndexModel(
    RequestWorkbench workbench,
    IAuthorizationService authorization,
    StaffDirectory directory,
    TimeProvider clock) : StaffRequestPage(workbench, authorization)
{
    [BindProperty]
    public ContactInput Contact { get; set; } = new();

    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public void OnGet(string? party) =>
        Contact = string.Equals(party, "agent", StringComparison.OrdinalIgnoreCase) && PrivacyRequest.Agent is { } agent
            ? ContactInput.From(agent, PartyRole.Agent)
            : ContactInput.From(PrivacyRequest.Principal, PartyRole.Principal);

    [AuditsPersonalDataRead(AuditActions.ContactViewed)]
    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        ChangeAsync(Contact, nameof(Contact),
            () => PrivacyRequest.CorrectContact(Contact.Party, Contact.ToDetails(), Contact.Reason!, Actor, clock.GetUtcNow()),
            new Label("連絡先を訂正しました。", "The contact details were corrected."),
            cancellationToken,
            $"/staff/requests/{RequestId}/contact");

    protected override async Task OnShowingAsync(CancellationToken cancellationToken) =>
        Names = await directory.NamesAsync(PrivacyRequest.ContactCorrections.Select(c => c.CorrectedBy), cancellationToken);
}
