using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Pages.Staff.Letters;
using PrivacyDesk.Web.Pages.Staff.Requests;

namespace PrivacyDesk.Web.Pages.Requests;

/// <summary>
/// A member withdraws their own request from the status page (ADR 0023): the withdrawal, its audit event, the
/// 取下げ確認書 (stored with its hash) and, where an email exists, the mail, in one SaveChanges against the version the
/// member confirmed. The caller has already matched the reference number and the status code.
/// </summary>
public sealed class MemberWithdrawal(RequestWorkbench workbench, LetterIssuer letters, AuditTrail audit, TimeProvider clock)
{
    public static readonly Label AlreadyEnded = new(
        "このご請求は既に終了しているため、取り下げることはできません。",
        "This request has already ended, so it cannot be withdrawn.");

    public static readonly Label Changed = new(
        "このご請求の状況が変わりました。現在の状況をご確認のうえ、必要であればもう一度お手続きください。",
        "The request has changed since you opened the page. Check its status and try again if you still wish to withdraw.");

    public static readonly Label TooLate = new(
        "回答の準備が済んでいるため、この画面からは取り下げられません。お問い合わせ窓口までご連絡ください。",
        "The answer is already prepared, so the request cannot be withdrawn here. Please contact the office.");

    /// <summary>A member may withdraw until a decision is entered (the status machine allows it) and only once.</summary>
    public static bool Allows(PrivacyRequest request) =>
        request.IsOpen && RequestStatusMachine.CanTransition(request.Status, RequestStatus.Withdrawn);

    public const int MaxReasonLength = 1000;

    /// <summary>Withdraws the request; null when done, else why not (nothing is changed then).</summary>
    public async Task<Label?> WithdrawAsync(Guid requestId, int confirmedVersion, string? reason, CancellationToken cancellationToken)
    {
        var request = await workbench.LoadAsync(requestId, cancellationToken);
        if (request is null || !request.IsOpen)
        {
            return AlreadyEnded;
        }

        if (request.Version != confirmedVersion)
        {
            return Changed;
        }

        if (!Allows(request))
        {
            return TooLate;
        }

        var note = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (note is { Length: > MaxReasonLength })
        {
            note = note[..MaxReasonLength];
        }

        using var actor = audit.UseActor(PrivacyRequest.MemberActor);
        request.Withdraw(PrivacyRequest.MemberActor, clock.GetUtcNow(), note);
        var result = await letters.IssueAsync(request, LetterKind.WithdrawalConfirmation, confirmedVersion, PrivacyRequest.MemberActor, cancellationToken);
        workbench.Forget();
        return result.Refusal is null ? null : Changed;
    }
}
