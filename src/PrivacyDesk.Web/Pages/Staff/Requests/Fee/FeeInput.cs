using FluentValidation;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Staff.Requests.Fee;

public enum FeeEntryKind
{
    Payment = 1,
    Refund = 2,
}

/// <summary>Money received or refunded. The amount is always entered as a positive number of yen.</summary>
public sealed class FeeInput
{
    public FeeEntryKind Kind { get; set; } = FeeEntryKind.Payment;

    public int? AmountYen { get; set; }

    /// <summary>yyyy-MM-dd, as a date input posts it.</summary>
    public string? PaidOn { get; set; }

    public DateOnly? PaidOnDate() => ParseDate(PaidOn);

    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var date) ? date : null;

    public PaymentMethod? Method { get; set; }

    /// <summary>振込依頼人名 as it appears on the bank statement, or who paid at the counter.</summary>
    public string? PayerName { get; set; }
}

public sealed class FeeInputValidator : AbstractValidator<FeeInput>
{
    public const int MaxAmountYen = 1_000_000;

    public FeeInputValidator(TimeProvider clock)
    {
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.AmountYen)
            .NotNull().WithMessage(_ => Localized.Text("金額を入力してください。", "Enter the amount."))
            .GreaterThan(0).WithMessage(_ => Localized.Text("金額は1円以上の整数で入力してください。", "Enter a whole number of yen, 1 or more."))
            .LessThanOrEqualTo(MaxAmountYen).WithMessage(_ => Localized.Text("金額が大きすぎます。入力を確認してください。", "The amount is too large; check it."));
        RuleFor(x => x.Method).NotNull().IsInEnum()
            .WithMessage(_ => Localized.Text("支払方法を選んでください。", "Choose the payment method."));
        RuleFor(x => x.PaidOn)
            .Must(d => FeeInput.ParseDate(d) is not null)
            .WithMessage(x => x.Kind == FeeEntryKind.Refund
                ? Localized.Text("返金日を正しく入力してください。", "Enter a valid refund date.")
                : Localized.Text("入金日を正しく入力してください。", "Enter a valid payment date."))
            .Must(d => FeeInput.ParseDate(d) is not { } date || date <= Domain.Text.JapaneseText.JstDate(clock.GetUtcNow()))
            .WithMessage(_ => Localized.Text("未来の日付は入力できません。", "The date cannot be in the future."))
            .Must(d => FeeInput.ParseDate(d) is not { } date || date >= Domain.Text.JapaneseText.JstDate(clock.GetUtcNow()).AddYears(-2))
            .WithMessage(_ => Localized.Text("2年以上前の日付は入力できません。", "The date cannot be more than two years ago."));
        RuleFor(x => x.PayerName).MaximumLength(100)
            .WithMessage(_ => Localized.Text("振込依頼人名は100文字以内で入力してください。", "The payer name can be at most 100 characters."));
    }
}
