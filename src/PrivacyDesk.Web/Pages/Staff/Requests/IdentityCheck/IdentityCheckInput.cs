using FluentValidation;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.People;
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

    /// <summary>Set by the handler from the request, never taken from the post.</summary>
    public RequesterType RequesterType { get; set; }

    /// <summary>The checklist points the staff member confirmed.</summary>
    public List<IdentityCheckItem> Confirmed { get; set; } = [];

    /// <summary>What else the member should know, added to the failed points in the notice.</summary>
    public string? Reason { get; set; }
}

public sealed class IdentityCheckInputValidator : AbstractValidator<IdentityCheckInput>
{
    public const int MaxReasonLength = 2000;

    public IdentityCheckInputValidator()
    {
        RuleForEach(x => x.Confirmed).IsInEnum();
        RuleFor(x => x.Reason).MaximumLength(MaxReasonLength)
            .WithMessage(_ => Localized.Text($"補足は{MaxReasonLength}文字以内で入力してください。", $"The note can be at most {MaxReasonLength} characters."));

        RuleFor(x => x.Confirmed)
            .Must((input, confirmed) => IdentityChecklist.Unconfirmed(input.RequesterType, confirmed).Count == 0)
            .When(x => x.Decision == IdentityCheckDecision.Accept)
            .WithMessage(input => Localized.Text(
                "受理するには、すべての確認項目にチェックを付けてください。確認できない項目がある場合は「不備により返戻」を選んでください。",
                "To accept, tick every point. If a point cannot be confirmed, return the request for deficiency."));

        // A return must tell the member what is wrong: a failed point, or a written reason.
        RuleFor(x => x.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r))
            .When(x => x.Decision == IdentityCheckDecision.Return
                       && IdentityChecklist.Unconfirmed(x.RequesterType, x.Confirmed).Count == 0)
            .WithMessage(_ => Localized.Text(
                "すべての項目を確認済みにしたまま返戻する場合は、不備の内容を入力してください。",
                "Every point is marked as confirmed: to return the request, describe the deficiency."));
    }
}
