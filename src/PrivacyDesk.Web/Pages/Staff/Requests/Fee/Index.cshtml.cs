using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Staff.Requests;

namespace PrivacyDesk.Web.Pages.Staff.Requests.Fee;

/// <summary>
/// 手数料: the amount due, what was paid and refunded, and a form for each. Paying a family (a) request that waits
/// only for its fee moves it on to review (the domain does that), which is also when its deadline starts to count.
/// </summary>
[Authorize(Policy = StaffPolicies.WorkRequests)]
public sealed class IndexModel(
    RequestWorkbench workbench,
    IAuthorizationService authorization,
    AuditTrail audit,
    TimeProvider clock,
    IValidator<FeeInput> validator) : StaffRequestPage(workbench, authorization)
{
    [BindProperty]
    public FeeInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Version = PrivacyRequest.Version;
        Input.AmountYen = Math.Max(PrivacyRequest.FeeDueYen - PrivacyRequest.FeePaidYen, 0) is var balance and > 0 ? balance : null;
        Input.Method = PaymentMethod.BankTransfer;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var validation = await validator.ValidateAsync(Input, cancellationToken);
        if (!validation.IsValid)
        {
            AddErrors(validation, nameof(Input));
            return await InvalidAsync(cancellationToken);
        }

        var refund = Input.Kind == FeeEntryKind.Refund;
        var amount = refund ? -Input.AmountYen!.Value : Input.AmountYen!.Value;
        return await ChangeAsync(() =>
        {
            var from = PrivacyRequest.Status;
            var payment = new FeePayment(amount, Input.PaidOnDate()!.Value, Input.Method!.Value, Input.PayerName, Actor, clock.GetUtcNow());
            PrivacyRequest.RecordPayment(payment);

            // The payer name is personal data: the event references the payment, it does not copy the name.
            audit.Record(refund ? AuditActions.FeeRefunded : AuditActions.FeeRecorded, PrivacyRequest.Id, new
            {
                paymentId = payment.Id,
                amountYen = amount,
                method = payment.Method.ToString(),
                paidOn = payment.PaidOn,
                status = new { before = from.ToString(), after = PrivacyRequest.Status.ToString() },
            });
        }, refund ? new("返金を記録しました。", "The refund was recorded.") : new("入金を記録しました。", "The payment was recorded."),
            cancellationToken, $"/staff/requests/{RequestId}/fee");
    }
}
