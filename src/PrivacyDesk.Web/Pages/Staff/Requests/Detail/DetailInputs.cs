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
