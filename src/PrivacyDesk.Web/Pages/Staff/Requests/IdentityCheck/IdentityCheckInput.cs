using FluentValidation;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Staff.Requests.IdentityCheck;

public enum IdentityCheckDecision
{
    Accept = 1,
    Return = 2,
}

public sealed class IdentityCheckInput
{
    /// <summary>Set by the handler from the button pressed (accept or return), never taken from the post.</summary>
    public IdentityCheckDecision Decision { get; set; }

    /// <summary>Set by the handler from the request (its requester type and documents), never taken from the post.</summary>
    public IReadOnlyList<IdentityCheckItem> Checklist { get; set; } = [];

    /// <summary>The checklist points the staff member confirmed.</summary>
    public List<IdentityCheckItem> Confirmed { get; set; } = [];

    /// <summary>The checklist points the staff member found deficient: the member is told what to send for each.</summary>
    public List<IdentityCheckItem> Failed { get; set; } = [];

    /// <summary>What else the member should know, added to the failed points in the notice.</summary>
    public string? Reason { get; set; }
}

public sealed class IdentityCheckInputValidator : AbstractValidator<IdentityCheckInput>
{
    public const int MaxReasonLength = 2000;

    public IdentityCheckInputValidator()
    {
        RuleForEach(x => x.Confirmed).IsInEnum();
        RuleForEach(x => x.Failed).IsInEnum()
            .Must((input, item) => input.Checklist.Contains(item))
            .WithMessage(_ => Localized.Text("この請求に当てはまらない確認項目が指定されました。", "A point that does not apply to this request was given."));
        RuleFor(x => x.Failed)
            .Must((input, failed) => !failed.Intersect(input.Confirmed).Any())
            .WithMessage(_ => Localized.Text(
                "同じ項目に「確認済み」と「不備あり」の両方が付いています。どちらか一方にしてください。",
                "A point is marked both confirmed and deficient: choose one."));
        RuleFor(x => x.Reason).MaximumLength(MaxReasonLength)
            .WithMessage(_ => Localized.Text($"補足は{MaxReasonLength}文字以内で入力してください。", $"The note can be at most {MaxReasonLength} characters."));

        RuleFor(x => x.Confirmed)
            .Must((input, confirmed) => IdentityChecklist.Unconfirmed(input.Checklist, confirmed).Count == 0 && input.Failed.Count == 0)
            .When(x => x.Decision == IdentityCheckDecision.Accept)
            .WithMessage(input => Localized.Text(
                "受理するには、すべての確認項目にチェックを付けてください。確認できない項目がある場合は「不備により返戻」を選んでください。",
                "To accept, tick every point. If a point cannot be confirmed, return the request for deficiency."));

        // A return must tell the member what is wrong: a point marked deficient, or a written note. A point merely left
        // unticked is not a deficiency (it may not have been looked at yet), so it is never sent to the member.
        RuleFor(x => x.Failed)
            .Must((input, failed) => failed.Count > 0 || !string.IsNullOrWhiteSpace(input.Reason))
            .When(x => x.Decision == IdentityCheckDecision.Return)
            .WithMessage(_ => Localized.Text(
                "返戻するには、不備のある項目に「不備あり」を付けるか、不備の内容を入力してください。",
                "To return the request, mark the deficient points or describe the deficiency."));
    }
}
