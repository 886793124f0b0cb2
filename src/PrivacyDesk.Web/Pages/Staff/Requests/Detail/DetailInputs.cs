using FluentValidation;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Staff.Requests.Detail;

public sealed class AssignInput
{
    /// <summary>The staff user id to put in charge; empty for nobody.</summary>
    public string? AssignTo { get; set; }
}

public sealed class AssignInputValidator : AbstractValidator<AssignInput>
{
    public AssignInputValidator()
    {
        RuleFor(x => x.AssignTo).MaximumLength(450);
    }
}

public sealed class NoteInput
{
    public string? Text { get; set; }
}

public sealed class NoteInputValidator : AbstractValidator<NoteInput>
{
    public NoteInputValidator()
    {
        RuleFor(x => x.Text)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => Localized.Text("メモを入力してください。", "Enter the note."))
            .MaximumLength(RequestNote.MaxLength).WithMessage(_ => Localized.Text(
                $"メモは{RequestNote.MaxLength}文字以内で入力してください。", $"A note can be at most {RequestNote.MaxLength} characters."));
    }
}

public enum EndAction
{
    Withdraw = 1,
    Reject = 2,
}

public sealed class EndInput
{
    public EndAction? Action { get; set; }

    public string? Reason { get; set; }
}

public sealed class EndInputValidator : AbstractValidator<EndInput>
{
    public EndInputValidator()
    {
        RuleFor(x => x.Action).NotNull().IsInEnum()
            .WithMessage(_ => Localized.Text("取下げか却下かを選んでください。", "Choose withdrawal or rejection."));
        RuleFor(x => x.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r)).When(x => x.Action == EndAction.Reject)
            .WithMessage(_ => Localized.Text("却下の理由を入力してください。", "Enter the reason for the rejection."));
        RuleFor(x => x.Reason).MaximumLength(4000)
            .WithMessage(_ => Localized.Text("理由は4000文字以内で入力してください。", "The reason can be at most 4000 characters."));
    }
}
