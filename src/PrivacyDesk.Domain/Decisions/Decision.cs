using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Decisions;

public enum KindOutcome
{
    /// <summary>全部開示 / 通知した.</summary>
    FullDisclosure = 1,

    /// <summary>一部開示: some of the data is withheld on grounds ①–④.</summary>
    PartialDisclosure = 2,

    /// <summary>不開示 / 非通知.</summary>
    NoDisclosure = 3,

    /// <summary>該当する保有個人データがない.</summary>
    NoDataHeld = 4,

    /// <summary>訂正・停止等を実施した.</summary>
    Done = 5,

    /// <summary>実施しない.</summary>
    NotDone = 6,
}

/// <summary>
/// The grounds on which something asked is withheld. 1–4 are the seed's (§7(1)) grounds ①–④ for not disclosing data
/// or records (APPI Art. 33(2)); 11–14 are the exceptions of Art. 32(2) under which the purposes of use are not
/// notified. Both live in one enum because they are stored in the same column (a JSON list of these numbers), so new
/// values need no migration and decisions stored before the exceptions existed still load.
/// </summary>
public enum NonDisclosureGround
{
    HarmToPersonOrThirdParty = 1,
    SeriousHindranceToBusiness = 2,
    ViolationOfOtherLaw = 3,
    IdentityNotConfirmed = 4,

    /// <summary>Art. 32(2)(i): the purpose is already clear to the person (published or otherwise made known, Art. 32(1)).</summary>
    PurposeAlreadyClear = 11,

    /// <summary>Art. 32(2)(ii) with Art. 21(4)(i): notifying would harm the life, body, property or rights of the person or a third party.</summary>
    PurposeNoticeHarmsPersonOrThirdParty = 12,

    /// <summary>Art. 32(2)(ii) with Art. 21(4)(ii): notifying would harm the co-op's rights or legitimate interests.</summary>
    PurposeNoticeHarmsCoop = 13,

    /// <summary>Art. 32(2)(ii) with Art. 21(4)(iii): co-operation with a state organ whose affairs notifying would hinder.</summary>
    PurposeNoticeHindersStateAffairs = 14,
}

/// <summary>The answer for one requested kind.</summary>
public sealed class KindDecision
{
    private KindDecision()
    {
    }

    /// <param name="content">
    /// What this kind hands over (see <see cref="Content"/>); kept only when the outcome discloses or notifies something.
    /// </param>
    /// <param name="provisionRecordIds">For 第三者提供記録の開示: the register's records the content was compiled from.</param>
    public KindDecision(
        RequestKind kind,
        KindOutcome outcome,
        IEnumerable<NonDisclosureGround>? grounds,
        string? reason,
        string? detail = null,
        string? content = null,
        IEnumerable<Guid>? provisionRecordIds = null)
    {
        Kind = kind;
        Outcome = outcome;
        Grounds = (grounds ?? []).Distinct().OrderBy(g => g).ToList();
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Detail = string.IsNullOrWhiteSpace(detail) ? null : detail.Trim();

        // Content of a kind that hands nothing over would never be printed; dropping it keeps a stale text from
        // reappearing if the outcome were read differently later.
        var hands = DecisionRules.CarriesContent(kind, outcome);
        Content = hands && !string.IsNullOrWhiteSpace(content) ? content.Trim() : null;
        ProvisionRecordIds = hands && kind == RequestKind.ThirdPartyProvisionRecordDisclosure
            ? (provisionRecordIds ?? []).Distinct().ToList()
            : [];
        DecisionRules.Validate(this);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public RequestKind Kind { get; private set; }
    public KindOutcome Outcome { get; private set; }
    public List<NonDisclosureGround> Grounds { get; private set; } = [];

    /// <summary>The reason told to the member (APPI Art. 36). Mandatory whenever the answer is not what was asked.</summary>
    public string? Reason { get; private set; }

    /// <summary>
    /// What exactly was done, told to the member: the items corrected, added or deleted (Art. 34(3)), or the use or
    /// provision that was stopped (Art. 35(7)). Mandatory when a correction or stop was carried out.
    /// </summary>
    public string? Detail { get; private set; }

    /// <summary>
    /// What is handed over for this kind, and only for this kind (ADR 0020): the personal data held (one item a line,
    /// "項目：内容") for 保有個人データの開示, the provision records compiled from the register for 第三者提供記録の開示,
    /// the purposes of use (one a line) for 利用目的の通知. Each letter prints its own kind's content.
    /// </summary>
    public string? Content { get; private set; }

    /// <summary>The register's provision records selected for disclosure (第三者提供記録の開示 only); the content is their text.</summary>
    public List<Guid> ProvisionRecordIds { get; private set; } = [];

    /// <summary>
    /// Set by the migration to content per kind (ProvisionRecordRegister) on a records outcome of a decision that had
    /// one shared text: that text went to the personal data, so what the records letter should say needs a person's look.
    /// </summary>
    public bool ContentNeedsReview { get; private set; }

    /// <summary>
    /// The records content as it stood before staff restated it (<see cref="PrivacyRequest.RestateRecordsContent"/>):
    /// kept with the decision, not in the audit row, because it may be personal data and goes when the request goes.
    /// </summary>
    public string? RestatedFromContent { get; private set; }

    /// <summary>The outcome before the restatement (it becomes 該当なし when no record exists).</summary>
    public KindOutcome? RestatedFromOutcome { get; private set; }

    /// <summary>Who restated the records content, when and why (null when never restated).</summary>
    public string? RestatedBy { get; private set; }

    public DateTimeOffset? RestatedAt { get; private set; }

    public string? RestatementReason { get; private set; }

    /// <summary>The supervisor who approved the restatement (four-eyes), or the restater when approval is not required.</summary>
    public string? RestatementApprovedBy { get; private set; }

    public DateTimeOffset? RestatementApprovedAt { get; private set; }

    /// <summary>A restatement waits for a second person's approval: the letter that carries it may not go out yet.</summary>
    public bool RestatementAwaitsApproval => RestatedAt is not null && RestatementApprovedAt is null;

    /// <summary>
    /// Replaces the content, records and outcome by those of <paramref name="restated"/> (validated by its
    /// constructor), keeping what was stated before, who restated it, when and why; clears the review flag.
    /// </summary>
    internal void Restate(KindDecision restated, string reason, string actor, DateTimeOffset at, bool requiresApproval)
    {
        RestatedFromContent = Content;
        RestatedFromOutcome = Outcome;
        Outcome = restated.Outcome;
        Grounds = restated.Grounds;
        Reason = restated.Reason;
        Content = restated.Content;
        ProvisionRecordIds = restated.ProvisionRecordIds;
        ContentNeedsReview = false;
        RestatedBy = actor;
        RestatedAt = at;
        RestatementReason = reason;
        RestatementApprovedBy = requiresApproval ? null : actor;
        RestatementApprovedAt = requiresApproval ? null : at;
    }

    internal void ApproveRestatement(string approver, DateTimeOffset at)
    {
        RestatementApprovedBy = approver;
        RestatementApprovedAt = at;
    }
}

/// <summary>The co-op's answer to a request: one outcome per requested kind.</summary>
public sealed class Decision
{
    private Decision()
    {
        DecidedBy = string.Empty;
    }

    public Decision(IEnumerable<KindDecision> outcomes, string decidedBy, DateTimeOffset decidedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(decidedBy);
        Id = Guid.CreateVersion7();
        Outcomes = outcomes.ToList();
        DecidedBy = decidedBy;
        DecidedAt = decidedAt;
    }

    public Guid Id { get; private set; }
    public List<KindDecision> Outcomes { get; private set; } = [];
    public string DecidedBy { get; private set; }
    public DateTimeOffset DecidedAt { get; private set; }

    /// <summary>The content of one kind (<see cref="KindDecision.Content"/>), or null.</summary>
    public string? ContentOf(RequestKind kind) => Outcomes.FirstOrDefault(o => o.Kind == kind)?.Content;

    /// <summary>True when a kind's content was moved by the migration to content per kind and waits for a person's look.</summary>
    public bool NeedsContentReview => Outcomes.Any(o => o.ContentNeedsReview);

    /// <summary>The supervisor who approved the decision (four-eyes), or the decider when approval is not required.</summary>
    public string? ApprovedBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    /// <summary>Only an approved decision may be told to the member.</summary>
    public bool IsApproved => ApprovedAt is not null;

    /// <summary>True when every kind got what was asked: full disclosure or done.</summary>
    public bool GrantedInFull => Outcomes.All(o => !DecisionRules.NeedsReason(o.Outcome));

    /// <summary>
    /// Approves the decision. With <paramref name="fourEyes"/>, the approver must be someone other than the person who
    /// decided: that is the point of a second pair of eyes.
    /// </summary>
    public void Approve(string approver, DateTimeOffset at, bool fourEyes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(approver);
        if (IsApproved)
        {
            throw new DomainRuleException("decision.alreadyApproved",
                "この決定はすでに承認されています。",
                "This decision has already been approved.");
        }

        if (fourEyes && string.Equals(approver, DecidedBy, StringComparison.Ordinal))
        {
            throw new DomainRuleException("decision.selfApproval",
                "決定を入力した本人は承認できません。別の責任者が承認してください。",
                "The person who entered the decision cannot approve it; another supervisor must.");
        }

        ApprovedBy = approver;
        ApprovedAt = at;
    }
}

public static class DecisionRules
{
    /// <summary>The outcomes that make sense for a kind's family.</summary>
    public static IReadOnlyList<KindOutcome> AllowedOutcomes(RequestKind kind) => RequestKinds.FamilyOf(kind) switch
    {
        RequestFamily.Disclosure => kind == RequestKind.PurposeOfUseNotice
            ? [KindOutcome.FullDisclosure, KindOutcome.NoDisclosure, KindOutcome.NoDataHeld]
            : [KindOutcome.FullDisclosure, KindOutcome.PartialDisclosure, KindOutcome.NoDisclosure, KindOutcome.NoDataHeld],
        _ => [KindOutcome.Done, KindOutcome.NotDone, KindOutcome.NoDataHeld],
    };

    /// <summary>Whether the outcome differs from what was asked, so that APPI Art. 36 requires a reason.</summary>
    public static bool NeedsReason(KindOutcome outcome) => outcome is not (KindOutcome.FullDisclosure or KindOutcome.Done);

    /// <summary>Whether the outcome withholds something, so that the statutory grounds must be named.</summary>
    public static bool NeedsGrounds(KindOutcome outcome) => outcome is KindOutcome.PartialDisclosure or KindOutcome.NoDisclosure;

    /// <summary>The grounds ①–④ for not disclosing personal data or provision records (Art. 33(2), seed §7(1)).</summary>
    public static IReadOnlyList<NonDisclosureGround> DisclosureGrounds { get; } =
    [
        NonDisclosureGround.HarmToPersonOrThirdParty, NonDisclosureGround.SeriousHindranceToBusiness,
        NonDisclosureGround.ViolationOfOtherLaw, NonDisclosureGround.IdentityNotConfirmed,
    ];

    /// <summary>The exceptions of Art. 32(2) under which the purposes of use are not notified.</summary>
    public static IReadOnlyList<NonDisclosureGround> PurposeNoticeExceptions { get; } =
    [
        NonDisclosureGround.PurposeAlreadyClear, NonDisclosureGround.PurposeNoticeHarmsPersonOrThirdParty,
        NonDisclosureGround.PurposeNoticeHarmsCoop, NonDisclosureGround.PurposeNoticeHindersStateAffairs,
    ];

    /// <summary>Whether a ground is one of the Art. 32(2) exceptions rather than one of ①–④.</summary>
    public static bool IsPurposeNoticeException(NonDisclosureGround ground) => PurposeNoticeExceptions.Contains(ground);

    /// <summary>
    /// The grounds staff may choose for a kind: the Art. 32(2) exceptions for the purposes of use, ①–④ for data and
    /// records. Once the identity check was accepted, ④ (identity not confirmed) is not a ground any more.
    /// </summary>
    public static IReadOnlyList<NonDisclosureGround> GroundsFor(RequestKind kind, bool identityConfirmed = false) =>
        kind == RequestKind.PurposeOfUseNotice
            ? PurposeNoticeExceptions
            : identityConfirmed
                ? DisclosureGrounds.Where(g => g != NonDisclosureGround.IdentityNotConfirmed).ToArray()
                : DisclosureGrounds;

    /// <summary>Why ground ④ is refused once the identity was confirmed, and what to do instead.</summary>
    public static Label IdentityGroundRefused { get; } = new(
        "本人確認は完了しているため、「④ 本人確認ができない場合」は根拠に選べません。本人確認ができない請求は、決定ではなく却下の手続で扱ってください。",
        "The identity was confirmed, so ground (4) (identity not confirmed) cannot be chosen. A request whose identity cannot be confirmed is rejected, not decided.");

    /// <summary>
    /// Ground ④ contradicts an accepted identity check. An identity that cannot be confirmed is a rejection (却下) of
    /// the request, not a decision on it.
    /// </summary>
    public static void EnsureIdentityGroundFits(Decision decision, bool identityConfirmed)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (identityConfirmed && decision.Outcomes.Any(o => o.Grounds.Contains(NonDisclosureGround.IdentityNotConfirmed)))
        {
            throw new DomainRuleException("decision.identityConfirmed", IdentityGroundRefused.Japanese, IdentityGroundRefused.English);
        }
    }

    public static void Validate(KindDecision decision)
    {
        var kindLabel = Labels.Kind(decision.Kind);
        if (!AllowedOutcomes(decision.Kind).Contains(decision.Outcome))
        {
            throw new DomainRuleException("decision.outcome",
                $"「{kindLabel.Japanese}」に「{Labels.Outcome(decision.Outcome).Japanese}」は選べません。",
                $"\"{Labels.Outcome(decision.Outcome).English}\" is not an outcome for \"{kindLabel.English}\".");
        }

        var purpose = decision.Kind == RequestKind.PurposeOfUseNotice;
        if (NeedsGrounds(decision.Outcome) && decision.Grounds.Count == 0)
        {
            throw purpose
                ? new DomainRuleException("decision.grounds",
                    $"「{kindLabel.Japanese}」を通知しない場合は、通知しない根拠（個人情報保護法第32条第2項各号）を選んでください。",
                    $"Choose the exception of APPI Art. 32(2) under which \"{kindLabel.English}\" is not notified.")
                : new DomainRuleException("decision.grounds",
                    $"「{kindLabel.Japanese}」を開示しない部分がある場合は、不開示の根拠（①〜④）を選んでください。",
                    $"Choose the grounds (1)-(4) for withholding \"{kindLabel.English}\".");
        }

        var foreign = decision.Grounds.Where(g => !GroundsFor(decision.Kind).Contains(g)).ToArray();
        if (NeedsGrounds(decision.Outcome) && foreign.Length > 0)
        {
            // Purposes are refused only on Art. 32(2); data and records only on Art. 33(2) (①–④). Mixing them would
            // print a letter citing the wrong law.
            throw purpose
                ? new DomainRuleException("decision.purposeGrounds",
                    $"「{kindLabel.Japanese}」を通知しない根拠は、個人情報保護法第32条第2項各号の場合に限られます。不開示の根拠（①〜④）は選べません。",
                    $"\"{kindLabel.English}\" can be refused only on the exceptions of APPI Art. 32(2), not on the grounds (1)-(4).")
                : new DomainRuleException("decision.disclosureGrounds",
                    $"「{kindLabel.Japanese}」を開示しない根拠は、不開示の根拠（①〜④）に限られます。利用目的の通知の例外（第32条第2項各号）は選べません。",
                    $"\"{kindLabel.English}\" can be withheld only on the grounds (1)-(4), not on the exceptions of APPI Art. 32(2).");
        }

        if (!NeedsGrounds(decision.Outcome) && decision.Grounds.Count > 0)
        {
            throw new DomainRuleException("decision.groundsNotApplicable",
                "不開示の根拠は、一部開示または不開示の場合にのみ指定できます。",
                "Grounds apply only to partial or no disclosure.");
        }

        if (NeedsDetail(decision.Outcome) && RequestKinds.FamilyOf(decision.Kind) != RequestFamily.Disclosure && decision.Detail is null)
        {
            throw new DomainRuleException("decision.detail",
                $"「{kindLabel.Japanese}」を実施した場合は、実施した内容を記載してください。",
                $"Describe what was done for \"{kindLabel.English}\".");
        }

        if (DisclosesContent(decision.Kind, decision.Outcome) && decision.Content is null)
        {
            // Purposes may be left empty here: their letter then lists the configured purposes (decisions made before
            // content per kind); the decision page fills them in and asks for them.
            var what = ContentLabel(decision.Kind);
            throw new DomainRuleException("decision.content",
                $"「{kindLabel.Japanese}」で{what.Japanese}を入力してください。",
                $"Enter {what.English.ToLowerInvariant()} for \"{kindLabel.English}\".");
        }

        if (NeedsReason(decision.Outcome) && decision.Reason is null)
        {
            throw new DomainRuleException("decision.reason",
                $"「{kindLabel.Japanese}」は請求どおりの対応ではないため、理由の記載が必要です（個人情報保護法第36条）。",
                $"A reason is required for \"{kindLabel.English}\" because the answer is not what was asked (APPI Art. 36).");
        }
    }

    /// <summary>Whether an outcome means something was actually corrected or stopped, so the member is told what.</summary>
    public static bool NeedsDetail(KindOutcome outcome) => outcome is KindOutcome.Done;

    /// <summary>Whether an outcome discloses data or records, so that kind's content must be recorded.</summary>
    public static bool DisclosesContent(RequestKind kind, KindOutcome outcome) =>
        kind != RequestKind.PurposeOfUseNotice && outcome is KindOutcome.FullDisclosure or KindOutcome.PartialDisclosure;

    /// <summary>
    /// Whether an outcome hands something over that the decision keeps as the kind's content: disclosed data or records,
    /// or notified purposes of use.
    /// </summary>
    public static bool CarriesContent(RequestKind kind, KindOutcome outcome) =>
        DisclosesContent(kind, outcome) || (kind == RequestKind.PurposeOfUseNotice && outcome == KindOutcome.FullDisclosure);

    /// <summary>What a kind's content is called on the page and in messages.</summary>
    public static Label ContentLabel(RequestKind kind) => kind switch
    {
        RequestKind.ThirdPartyProvisionRecordDisclosure => new("開示する第三者提供記録", "The provision records disclosed"),
        RequestKind.PurposeOfUseNotice => new("通知する利用目的", "The purposes of use notified"),
        _ => new("開示する保有個人データ", "The personal data disclosed"),
    };

    /// <summary>Checks that a decision answers each requested kind exactly once, and nothing else.</summary>
    public static void EnsureCovers(Decision decision, IReadOnlyCollection<RequestKind> requested)
    {
        var answered = decision.Outcomes.Select(o => o.Kind).ToArray();
        var missing = requested.Except(answered).ToArray();
        var extra = answered.Except(requested).ToArray();
        var duplicated = answered.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (missing.Length > 0)
        {
            throw new DomainRuleException("decision.missing",
                $"次の請求に対する決定がありません：{string.Join("、", missing.Select(k => Labels.Kind(k).Japanese))}",
                $"No outcome for: {string.Join(", ", missing.Select(k => Labels.Kind(k).English))}");
        }

        if (extra.Length > 0 || duplicated.Length > 0)
        {
            throw new DomainRuleException("decision.extra",
                "請求されていない種類、または重複した決定が含まれています。",
                "The decision names a kind that was not requested, or names one twice.");
        }
    }
}
