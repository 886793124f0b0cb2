using PrivacyDesk.Domain.People;

namespace PrivacyDesk.Domain.Documents;

/// <summary>One point staff confirm when checking a request's documents.</summary>
public enum IdentityCheckItem
{
    /// <summary>The person's ID is one of the four accepted kinds, legible and still valid.</summary>
    PrincipalIdAccepted = 1,

    /// <summary>The name and address on the person's ID match the request.</summary>
    PrincipalNameAndAddressMatch = 2,

    /// <summary>No copy of the back of a 個人番号カード (the My Number) was sent.</summary>
    NoMyNumberCardBack = 3,

    /// <summary>On a 健康保険被保険者証, 保険者番号・記号・番号 are masked.</summary>
    InsuranceSymbolsMasked = 4,

    /// <summary>The 委任状 is present, names the agent and the request, and is signed by the person.</summary>
    PowerOfAttorneyValid = 10,

    /// <summary>The 戸籍謄本 or 成年後見登記事項証明書 is present, shows the authority, and is recent enough.</summary>
    LegalAuthorityDocumentValid = 11,

    /// <summary>The agent's or representative's ID is one of the accepted kinds, legible and still valid.</summary>
    AgentIdAccepted = 12,

    /// <summary>The name and address on the agent's ID match the request.</summary>
    AgentNameAndAddressMatch = 13,
}

/// <summary>
/// The ID checklist per requester type (seed §7(4)イ, with the My Number and insurance-card rules of the law). Staff
/// accept the documents only when every point on the list is confirmed; otherwise they return the request for the
/// points that failed.
/// </summary>
public static class IdentityChecklist
{
    private static readonly IdentityCheckItem[] PrincipalItems =
    [
        IdentityCheckItem.PrincipalIdAccepted,
        IdentityCheckItem.PrincipalNameAndAddressMatch,
        IdentityCheckItem.NoMyNumberCardBack,
        IdentityCheckItem.InsuranceSymbolsMasked,
    ];

    private static readonly IdentityCheckItem[] AgentIdItems =
    [
        IdentityCheckItem.AgentIdAccepted,
        IdentityCheckItem.AgentNameAndAddressMatch,
    ];

    public static IReadOnlyList<IdentityCheckItem> For(RequesterType requesterType) => requesterType switch
    {
        RequesterType.Principal => PrincipalItems,
        RequesterType.VoluntaryAgent => [.. PrincipalItems, IdentityCheckItem.PowerOfAttorneyValid, .. AgentIdItems],
        RequesterType.LegalRepresentative => [.. PrincipalItems, IdentityCheckItem.LegalAuthorityDocumentValid, .. AgentIdItems],
        _ => throw new ArgumentOutOfRangeException(nameof(requesterType), requesterType, null),
    };

    /// <summary>The points of the list for <paramref name="requesterType"/> that are not in <paramref name="confirmed"/>.</summary>
    public static IReadOnlyList<IdentityCheckItem> Unconfirmed(RequesterType requesterType, IEnumerable<IdentityCheckItem> confirmed)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        var set = confirmed.ToHashSet();
        return For(requesterType).Where(item => !set.Contains(item)).ToArray();
    }

    public static Label Describe(IdentityCheckItem item, int authorityMaxAgeMonths = 3) => item switch
    {
        IdentityCheckItem.PrincipalIdAccepted => new("ご本人の本人確認書類が受付可能な種類（個人番号カード表面・運転免許証・健康保険被保険者証・パスポート）で、判読でき、有効期限内である",
            "The person's ID is an accepted kind (My Number card front, driver's licence, health insurance card, passport), legible and valid"),
        IdentityCheckItem.PrincipalNameAndAddressMatch => new("ご本人の本人確認書類の氏名・住所が請求書の記載と一致している",
            "The name and address on the person's ID match the request"),
        IdentityCheckItem.NoMyNumberCardBack => new("個人番号カードの裏面（個人番号）の写しが含まれていない",
            "No copy of the back of a My Number card (the individual number) is included"),
        IdentityCheckItem.InsuranceSymbolsMasked => new("健康保険被保険者証の場合、保険者番号・記号・番号が見えないよう覆われている",
            "On a health insurance card, the insurer number, symbol and number are masked"),
        IdentityCheckItem.PowerOfAttorneyValid => new("委任状があり、代理人・請求内容が記載され、ご本人の署名（記名押印）がある",
            "The power of attorney is present, names the agent and the request, and is signed by the person"),
        IdentityCheckItem.LegalAuthorityDocumentValid => new($"戸籍謄本または成年後見登記事項証明書があり、法定代理権が確認でき、発行から{authorityMaxAgeMonths}か月以内である",
            $"The family register copy or guardianship certificate is present, shows the legal authority, and was issued within {authorityMaxAgeMonths} months"),
        IdentityCheckItem.AgentIdAccepted => new("代理人の本人確認書類が受付可能な種類で、判読でき、有効期限内である",
            "The agent's ID is an accepted kind, legible and valid"),
        IdentityCheckItem.AgentNameAndAddressMatch => new("代理人の本人確認書類の氏名・住所が請求書の記載と一致している",
            "The name and address on the agent's ID match the request"),
        _ => throw new ArgumentOutOfRangeException(nameof(item), item, null),
    };
}

public enum IdentityCheckOutcome
{
    Accepted = 1,
    Returned = 2,
}

/// <summary>The record of one ID check: who checked, what they confirmed, and what failed.</summary>
public sealed class IdentityCheck
{
    private IdentityCheck()
    {
        CheckedBy = string.Empty;
    }

    public IdentityCheck(IdentityCheckOutcome outcome, IEnumerable<IdentityCheckItem> confirmed, string? reason, string checkedBy, DateTimeOffset checkedAt)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        ArgumentException.ThrowIfNullOrWhiteSpace(checkedBy);
        Id = Guid.CreateVersion7();
        Outcome = outcome;
        Confirmed = confirmed.Distinct().Order().ToList();
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        CheckedBy = checkedBy;
        CheckedAt = checkedAt.ToUniversalTime();
    }

    public Guid Id { get; private set; }
    public IdentityCheckOutcome Outcome { get; private set; }
    public List<IdentityCheckItem> Confirmed { get; private set; } = [];
    public string? Reason { get; private set; }
    public string CheckedBy { get; private set; }
    public DateTimeOffset CheckedAt { get; private set; }
}
