using FluentValidation;
using PrivacyDesk.Domain;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Staff.Requests.Decision;

/// <summary>
/// 第三者提供記録の再記載: the provision records an approved, migrated decision discloses, chosen again from the
/// requester's matches in the register, or 該当なし (ADR 0020).
/// </summary>
public sealed class RestateRecordsInput
{
    /// <summary>The register's records disclosed; empty with <see cref="NoRecord"/>.</summary>
    public List<Guid> ProvisionRecordIds { get; set; } = [];

    /// <summary>No record about the requester exists: the answer becomes 該当なし.</summary>
    public bool NoRecord { get; set; }

    /// <summary>For 該当なし: the reason told to the member (APPI Art. 36).</summary>
    public string? MemberReason { get; set; }

    /// <summary>Why the records are restated (kept with the decision, not told to the member).</summary>
    public string? Reason { get; set; }
}

public sealed class RestateRecordsInputValidator : AbstractValidator<RestateRecordsInput>
{
    /// <summary>What the form proposes as the member's reason for 該当なし.</summary>
    public static readonly Label DefaultMemberReason = new(
        "当会の第三者提供記録に、ご本人に関する記録はありませんでした。",
        "The co-op's provision records hold no record about you.");

    public RestateRecordsInputValidator()
    {
        RuleFor(x => x.ProvisionRecordIds)
            .Must((input, ids) => ids.Count > 0 != input.NoRecord)
            .WithMessage(_ => Localized.Text(
                "開示する記録を選ぶか、「該当する記録なし」を選んでください（両方は選べません）。",
                "Select the records disclosed or choose \"no record\" (not both)."));
        RuleFor(x => x.MemberReason)
            .Must((input, r) => !input.NoRecord || !string.IsNullOrWhiteSpace(r))
            .WithMessage(_ => Localized.Text(
                "該当する記録がない場合は、請求者に通知する理由を入力してください（個人情報保護法第36条）。",
                "With no record, enter the reason told to the member (APPI Art. 36)."))
            .MaximumLength(4000)
            .WithMessage(_ => Localized.Text("理由は4000文字以内で入力してください。", "The reason can be at most 4000 characters."));
        RuleFor(x => x.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r))
            .WithMessage(_ => Localized.Text("再記載する理由を入力してください。", "Enter why the records are restated."))
            .MaximumLength(4000)
            .WithMessage(_ => Localized.Text("理由は4000文字以内で入力してください。", "The reason can be at most 4000 characters."));
    }
}
