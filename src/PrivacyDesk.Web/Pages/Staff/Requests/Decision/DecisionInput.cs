using FluentValidation;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Staff.Requests.Decision;

public sealed class DecisionInput
{
    public List<KindDecisionInput> Outcomes { get; set; } = [];
}

public sealed class KindDecisionInput
{
    public RequestKind Kind { get; set; }

    public KindOutcome? Outcome { get; set; }

    public List<NonDisclosureGround> Grounds { get; set; } = [];

    public string? Reason { get; set; }

    public string? Detail { get; set; }

    /// <summary>This kind's content: the data disclosed, or the purposes notified (ADR 0020).</summary>
    public string? Content { get; set; }

    /// <summary>For 第三者提供記録の開示: the register's records staff selected; the letter prints exactly these.</summary>
    public List<Guid> ProvisionRecordIds { get; set; } = [];
}

/// <summary>
/// The decision form's rules, said per kind so the message sits next to the field. They are the domain's rules
/// (<see cref="DecisionRules"/>) asked in advance; the domain checks them again when the decision is made.
/// </summary>
public sealed class DecisionInputValidator : AbstractValidator<DecisionInput>
{
    public const int MaxTextLength = 4000;
    public const int MaxDisclosedLength = 200_000;

    public DecisionInputValidator()
    {
        RuleFor(x => x.Outcomes).NotEmpty()
            .WithMessage(_ => Localized.Text("決定する請求がありません。", "There is nothing to decide."));
        RuleForEach(x => x.Outcomes).ChildRules(kind =>
        {
            kind.RuleFor(k => k.Kind).IsInEnum();
            kind.RuleFor(k => k.Outcome)
                .NotNull().WithMessage(k => Localized.Text($"「{Labels.Kind(k.Kind).Japanese}」の決定を選んでください。", $"Choose the outcome for \"{Labels.Kind(k.Kind).English}\"."))
                .Must((k, outcome) => outcome is null || DecisionRules.AllowedOutcomes(k.Kind).Contains(outcome.Value))
                .WithMessage(k => Localized.Text($"「{Labels.Kind(k.Kind).Japanese}」には選べない決定です。", $"That outcome does not apply to \"{Labels.Kind(k.Kind).English}\"."));
            kind.RuleFor(k => k.Grounds)
                .NotEmpty().When(k => k.Outcome is { } o && DecisionRules.NeedsGrounds(o))
                .WithMessage(k => k.Kind == RequestKind.PurposeOfUseNotice
                    ? Localized.Text($"「{Labels.Kind(k.Kind).Japanese}」を通知しない根拠（個人情報保護法第32条第2項各号）を選んでください。", $"Choose the exception of APPI Art. 32(2) under which \"{Labels.Kind(k.Kind).English}\" is not notified.")
                    : Localized.Text($"「{Labels.Kind(k.Kind).Japanese}」を開示しない根拠（①〜④）を選んでください。", $"Choose the grounds (1)-(4) for withholding \"{Labels.Kind(k.Kind).English}\"."));
            kind.RuleFor(k => k.Grounds)
                .Must((k, grounds) => grounds.All(g => DecisionRules.GroundsFor(k.Kind).Contains(g)))
                .When(k => k.Outcome is { } o && DecisionRules.NeedsGrounds(o))
                .WithMessage(k => k.Kind == RequestKind.PurposeOfUseNotice
                    ? Localized.Text($"「{Labels.Kind(k.Kind).Japanese}」を通知しない根拠は、個人情報保護法第32条第2項各号の場合に限られます。", $"\"{Labels.Kind(k.Kind).English}\" can be refused only on the exceptions of APPI Art. 32(2).")
                    : Localized.Text($"「{Labels.Kind(k.Kind).Japanese}」を開示しない根拠は、不開示の根拠（①〜④）に限られます。", $"\"{Labels.Kind(k.Kind).English}\" can be withheld only on the grounds (1)-(4)."));
            kind.RuleFor(k => k.Grounds)
                .Empty().When(k => k.Outcome is not { } o || !DecisionRules.NeedsGrounds(o))
                .WithMessage(_ => Localized.Text("不開示の根拠は、一部開示または不開示の場合にのみ選べます。", "Grounds apply only to partial or no disclosure."));
            kind.RuleFor(k => k.Reason)
                .Must(r => !string.IsNullOrWhiteSpace(r)).When(k => k.Outcome is { } o && DecisionRules.NeedsReason(o))
                .WithMessage(k => Localized.Text($"「{Labels.Kind(k.Kind).Japanese}」は請求どおりの対応ではないため、理由を入力してください（個人情報保護法第36条）。", $"Give the reason for \"{Labels.Kind(k.Kind).English}\": the answer is not what was asked (APPI Art. 36)."));
            kind.RuleFor(k => k.Reason).MaximumLength(MaxTextLength)
                .WithMessage(_ => Localized.Text($"理由は{MaxTextLength}文字以内で入力してください。", $"The reason can be at most {MaxTextLength} characters."));
            kind.RuleFor(k => k.Detail)
                .Must(d => !string.IsNullOrWhiteSpace(d)).When(k => k.Outcome is { } o && DecisionRules.NeedsDetail(o))
                .WithMessage(k => Localized.Text($"「{Labels.Kind(k.Kind).Japanese}」で実施した内容を入力してください。", $"Describe what was done for \"{Labels.Kind(k.Kind).English}\"."));
            kind.RuleFor(k => k.Detail).MaximumLength(MaxTextLength)
                .WithMessage(_ => Localized.Text($"実施内容は{MaxTextLength}文字以内で入力してください。", $"The description can be at most {MaxTextLength} characters."));

            // Each kind its own content (ADR 0020). The records are chosen from the register, not typed.
            kind.RuleFor(k => k.Content)
                .Must(c => !string.IsNullOrWhiteSpace(c))
                .When(k => k.Kind != RequestKind.ThirdPartyProvisionRecordDisclosure && k.Outcome is { } o && DecisionRules.CarriesContent(k.Kind, o))
                .WithMessage(k => Localized.Text(
                    $"「{Labels.Kind(k.Kind).Japanese}」の{DecisionRules.ContentLabel(k.Kind).Japanese}を入力してください。",
                    $"Enter {DecisionRules.ContentLabel(k.Kind).English.ToLowerInvariant()} for \"{Labels.Kind(k.Kind).English}\"."));
            kind.RuleFor(k => k.Content).MaximumLength(MaxDisclosedLength)
                .WithMessage(_ => Localized.Text("開示する内容が長すぎます。", "The disclosed content is too long."));
            kind.RuleFor(k => k.ProvisionRecordIds)
                .NotEmpty()
                .When(k => k.Kind == RequestKind.ThirdPartyProvisionRecordDisclosure && k.Outcome is { } o && DecisionRules.DisclosesContent(k.Kind, o))
                .WithMessage(_ => Localized.Text(
                    "開示する第三者提供記録を一覧から選んでください。該当する記録がない場合は「該当する保有個人データなし」を選んでください。",
                    "Select the provision records to disclose from the list. If none matches, choose \"no data held\"."));
            kind.RuleFor(k => k.ProvisionRecordIds.Count).LessThanOrEqualTo(500)
                .WithMessage(_ => Localized.Text("選んだ記録が多すぎます。", "Too many records selected."));
        });
    }
}
