using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Identity;

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
    TimeProvider clock) : StaffRequestPage(workbench, authorization)
{
    [BindProperty]
    public FeeInput Input { get; set; } = new();

    public void OnGet()
    {
        Input.AmountYen = PrivacyRequest.FeeOutstandingYen is > 0 and var balance ? balance : null;
        Input.Method = PaymentMethod.BankTransfer;
    }

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
