using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.Letters;

namespace PrivacyDesk.Web.Pages.Staff.Requests.Fee;

/// <summary>
/// 手数料: the amount due, what was paid and refunded, and a form for each. Paying a family (a) request that waits
/// only for its fee moves it on to review (the domain does that), which is also when its deadline starts to count.
/// </summary>
[Authorize(Policy = StaffPolicies.WorkRequests)]
[AuditsPersonalDataRead(AuditActions.FeeViewed)]
public sealed class IndexModel(
    RequestWorkbench workbench,
    IAuthorizationService authorization,
    TimeProvider clock,
    LetterIssuer issuer) : StaffRequestPage(workbench, authorization)
{
    [BindProperty]
    public FeeInput Input { get; set; } = new();

    /// <summary>The payments that have a 領収書; the receipt's letter id is the payment's id.</summary>
    public IReadOnlySet<Guid> Receipted { get; private set; } = new HashSet<Guid>();

    public void OnGet()
    {
        Input.AmountYen = PrivacyRequest.FeeOutstandingYen is > 0 and var balance ? balance : null;
        Input.Method = PaymentMethod.BankTransfer;
    }

    /// <summary>
    /// Issues the 領収書 of one payment through the letters' path (sealed, hashed, LetterIssued; a notice for electronic
    /// delivery, whose member downloads it from the status page). A second receipt for the same payment is refused.
    /// </summary>
    public async Task<IActionResult> OnPostReceiptAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        var result = await issuer.IssueReceiptAsync(PrivacyRequest, paymentId, Version, Actor, cancellationToken);
        if (result.Letter is not null)
        {
            Done = Localized.Text(new PrivacyDesk.Domain.Label("領収書を発行しました。", "The receipt was issued."));
            return Redirect($"/staff/requests/{RequestId}/fee");
        }

        return await ShowAgainAsync(result.Refusal!.Conflict
            ? WorkOutcome.Overtaken(await Workbench.ExplainAsync(RequestId, cancellationToken))
            : new WorkOutcome(false, Localized.Text(result.Refusal.Message), null), cancellationToken);
    }

    protected override async Task OnShowingAsync(CancellationToken cancellationToken) =>
        Receipted = await issuer.ReceiptedPaymentsAsync(RequestId, cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var refund = Input.Kind == FeeEntryKind.Refund;
        return ChangeAsync(Input, nameof(Input), () =>
        {
            var paidOn = Input.PaidOnDate()!.Value;
            PrivacyRequest.RecordPayment(refund
                ? FeePayment.Refund(Input.AmountYen!.Value, paidOn, Input.Method!.Value, Input.PayerName, Actor, clock.GetUtcNow())
                : new FeePayment(Input.AmountYen!.Value, paidOn, Input.Method!.Value, Input.PayerName, Actor, clock.GetUtcNow()));
        }, refund ? new("返金を記録しました。", "The refund was recorded.") : new("入金を記録しました。", "The payment was recorded."),
            cancellationToken, $"/staff/requests/{RequestId}/fee");
    }
}
