using FluentValidation;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Staff.Requests.Approval;

public sealed class SendBackInput
{
    public string? Reason { get; set; }
}

public sealed class SendBackInputValidator : AbstractValidator<SendBackInput>
{
    public SendBackInputValidator()
    {
        RuleFor(x => x.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r))
            .WithMessage(_ => Localized.Text("差し戻す理由を入力してください。", "Enter why the decision is sent back."))
            .MaximumLength(4000)
            .WithMessage(_ => Localized.Text("理由は4000文字以内で入力してください。", "The reason can be at most 4000 characters."));
    }
}
