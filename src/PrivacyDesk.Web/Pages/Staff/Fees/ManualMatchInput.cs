using FluentValidation;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Staff.Fees;

/// <summary>Staff match a credit to a request by hand: which request (its reference number) and why.</summary>
public sealed class ManualMatchInput
{
    public Guid CreditId { get; set; }
    public string? ReferenceNumber { get; set; }
    public string? Reason { get; set; }
}

public sealed class ManualMatchInputValidator : AbstractValidator<ManualMatchInput>
{
    public const int MaxReasonLength = 500;

    public ManualMatchInputValidator()
    {
        RuleFor(x => x.CreditId).NotEmpty();
        RuleFor(x => x.ReferenceNumber)
            .Must(r => Domain.Requests.ReferenceNumber.Normalize(r) is not null)
            .WithMessage(_ => Localized.Text("受付番号を PD-2026-000123 の形で入力してください。", "Enter a reference number such as PD-2026-000123."));
        RuleFor(x => x.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r))
            .WithMessage(_ => Localized.Text("手作業で照合する理由を入力してください。", "Enter why you match it by hand."))
            .MaximumLength(MaxReasonLength)
            .WithMessage(_ => Localized.Text($"理由は{MaxReasonLength}文字以内で入力してください。", $"The reason can be at most {MaxReasonLength} characters."));
    }
}
