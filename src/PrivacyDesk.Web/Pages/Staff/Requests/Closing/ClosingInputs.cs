using FluentValidation;
using PrivacyDesk.Domain.Closing;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Staff.Requests.Closing;

/// <summary>A rejection: its ground (printed on the 却下通知書) and the particulars, both told to the member.</summary>
public sealed class RejectInput
{
    public RejectionGround? Ground { get; set; }

    public string? Reason { get; set; }
}

/// <summary>How the member's withdrawal reached the co-op (phone or post), and what they said, if anything.</summary>
public sealed class WithdrawInput
{
    public WithdrawalChannel? Channel { get; set; }

    public string? Note { get; set; }
}

public enum WithdrawalChannel
{
    Phone = 1,
    Post = 2,
    Counter = 3,
}

public sealed class RejectInputValidator : AbstractValidator<RejectInput>
{
    public const int MaxReasonLength = 1000;

    public RejectInputValidator()
    {
        RuleFor(x => x.Ground)
            .Must(g => g is { } ground && RejectionGrounds.Selectable.Contains(ground))
            .WithMessage(_ => Localized.Text("却下の理由の区分を選んでください。", "Choose the ground for the rejection."));
        RuleFor(x => x.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r))
            .WithMessage(_ => Localized.Text("却下の理由の詳細を入力してください。通知書に記載します。", "Enter the particulars of the rejection; the notice prints them."))
            .MaximumLength(MaxReasonLength)
            .WithMessage(_ => Localized.Text($"理由は{MaxReasonLength}文字以内で入力してください。", $"The reason can be at most {MaxReasonLength} characters."));
    }
}

public sealed class WithdrawInputValidator : AbstractValidator<WithdrawInput>
{
    public const int MaxNoteLength = 1000;

    public WithdrawInputValidator()
    {
        // One rule with one message: NotNull().IsInEnum() would give the English default for an empty choice.
        RuleFor(x => x.Channel).Must(c => c is { } channel && Enum.IsDefined(channel))
            .WithMessage(_ => Localized.Text("取下げのお申し出を受けた方法を選んでください。", "Choose how the withdrawal reached you."));
        RuleFor(x => x.Note).MaximumLength(MaxNoteLength)
            .WithMessage(_ => Localized.Text($"内容は{MaxNoteLength}文字以内で入力してください。", $"The note can be at most {MaxNoteLength} characters."));
    }
}
