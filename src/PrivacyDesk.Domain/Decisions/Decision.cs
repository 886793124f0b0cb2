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

/// <summary>The grounds of the seed (§7(1)) for not disclosing, numbered as the member reads them.</summary>
public enum NonDisclosureGround
{
    HarmToPersonOrThirdParty = 1,
    SeriousHindranceToBusiness = 2,
    ViolationOfOtherLaw = 3,
    IdentityNotConfirmed = 4,
}

/// <summary>The answer for one requested kind.</summary>
public sealed class KindDecision
{
    private KindDecision()
    {
    }

    public KindDecision(RequestKind kind, KindOutcome outcome, IEnumerable<NonDisclosureGround>? grounds, string? reason)
    {
        Kind = kind;
        Outcome = outcome;
        Grounds = (grounds ?? []).Distinct().OrderBy(g => g).ToList();
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        DecisionRules.Validate(this);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public RequestKind Kind { get; private set; }
    public KindOutcome Outcome { get; private set; }
    public List<NonDisclosureGround> Grounds { get; private set; } = [];

    /// <summary>The reason told to the member (APPI Art. 36). Mandatory whenever the answer is not what was asked.</summary>
    public string? Reason { get; private set; }
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
        Id = Guid.CreateVersion7();
        Outcomes = outcomes.ToList();
        DecidedBy = decidedBy;
        DecidedAt = decidedAt;
    }

    public Guid Id { get; private set; }
    public List<KindDecision> Outcomes { get; private set; } = [];
    public string DecidedBy { get; private set; }
    public DateTimeOffset DecidedAt { get; private set; }

    /// <summary>True when every kind got what was asked: full disclosure or done.</summary>
    public bool GrantedInFull => Outcomes.All(o => !DecisionRules.NeedsReason(o.Outcome));
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

    /// <summary>Whether the outcome withholds something, so that the statutory grounds ①–④ must be named.</summary>
    public static bool NeedsGrounds(KindOutcome outcome) => outcome is KindOutcome.PartialDisclosure or KindOutcome.NoDisclosure;

    public static void Validate(KindDecision decision)
    {
        var kindLabel = Labels.Kind(decision.Kind);
        if (!AllowedOutcomes(decision.Kind).Contains(decision.Outcome))
        {
            throw new DomainRuleException("decision.outcome",
                $"「{kindLabel.Japanese}」に「{Labels.Outcome(decision.Outcome).Japanese}」は選べません。",
                $"\"{Labels.Outcome(decision.Outcome).English}\" is not an outcome for \"{kindLabel.English}\".");
        }

        if (NeedsGrounds(decision.Outcome) && decision.Grounds.Count == 0)
        {
            throw new DomainRuleException("decision.grounds",
                $"「{kindLabel.Japanese}」を開示しない部分がある場合は、不開示の根拠（①〜④）を選んでください。",
                $"Choose the grounds (1)-(4) for withholding \"{kindLabel.English}\".");
        }

        if (!NeedsGrounds(decision.Outcome) && decision.Grounds.Count > 0)
        {
            throw new DomainRuleException("decision.groundsNotApplicable",
                "不開示の根拠は、一部開示または不開示の場合にのみ指定できます。",
                "Grounds apply only to partial or no disclosure.");
        }

        if (NeedsReason(decision.Outcome) && decision.Reason is null)
        {
            throw new DomainRuleException("decision.reason",
                $"「{kindLabel.Japanese}」は請求どおりの対応ではないため、理由の記載が必要です（個人情報保護法第36条）。",
                $"A reason is required for \"{kindLabel.English}\" because the answer is not what was asked (APPI Art. 36).");
        }
    }

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
