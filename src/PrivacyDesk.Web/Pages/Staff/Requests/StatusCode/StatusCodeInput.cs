using FluentValidation;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Staff.Requests.StatusCode;

/// <summary>How the caller's identity was checked (required, and confirmed), and how the new code is sent.</summary>
public sealed class StatusCodeInput
{
    public CallerVerification? VerifiedBy { get; set; }

    /// <summary>The staff member confirms that the check was made before the code is reissued.</summary>
    public bool Confirmed { get; set; }

    public StatusCodeDelivery? Via { get; set; }
}

public sealed class StatusCodeInputValidator : AbstractValidator<StatusCodeInput>
{
    public StatusCodeInputValidator()
    {
        RuleFor(x => x.VerifiedBy)
            .NotNull().WithMessage(_ => Localized.Text("本人確認の方法を選んでください。", "Choose how the caller's identity was checked."))
            .IsInEnum().WithMessage(_ => Localized.Text("本人確認の方法が正しくありません。", "The identity check is not valid."));
        RuleFor(x => x.Confirmed)
            .Equal(true).WithMessage(_ => Localized.Text("請求者本人（または代理人）であることを確認したことにチェックしてください。",
                "Confirm that you checked the caller is the requester (or their agent)."));
        RuleFor(x => x.Via)
            .NotNull().WithMessage(_ => Localized.Text("新しい確認用コードの送付方法を選んでください。", "Choose how the new code is sent."))
            .IsInEnum().WithMessage(_ => Localized.Text("送付方法が正しくありません。", "The way of sending is not valid."));
    }
}
