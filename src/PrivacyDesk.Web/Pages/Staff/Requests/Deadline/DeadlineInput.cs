using FluentValidation;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Staff.Requests.Deadline;

/// <summary>A later answer date (JST calendar day) and why: both told to the member in the delay notice.</summary>
public sealed class DeadlineInput
{
    public DateOnly? NewDueDate { get; set; }

    public string? Reason { get; set; }
}

public sealed class DeadlineInputValidator : AbstractValidator<DeadlineInput>
{
    public const int MaxReasonLength = 1000;

    public DeadlineInputValidator()
    {
        RuleFor(x => x.NewDueDate)
            .NotNull()
            .WithMessage(_ => Localized.Text("新しい回答予定日を入力してください。", "Enter the new answer date."));
        RuleFor(x => x.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r))
            .WithMessage(_ => Localized.Text("延長する理由を入力してください。請求者にお知らせします。", "Enter why the answer takes longer; the requester is told."))
            .MaximumLength(MaxReasonLength)
            .WithMessage(_ => Localized.Text($"理由は{MaxReasonLength}文字以内で入力してください。", $"The reason can be at most {MaxReasonLength} characters."));
    }
}
