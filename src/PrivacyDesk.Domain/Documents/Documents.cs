using PrivacyDesk.Domain.People;

namespace PrivacyDesk.Domain.Documents;

public enum DocumentType
{
    /// <summary>個人番号カード, front only: the My Number on the back must never be collected.</summary>
    MyNumberCardFront = 1,
    DriversLicence = 2,

    /// <summary>健康保険被保険者証, with 保険者番号・記号・番号 masked (Health Insurance Act, since October 2020).</summary>
    HealthInsuranceCard = 3,
    Passport = 4,

    /// <summary>委任状.</summary>
    PowerOfAttorney = 10,

    /// <summary>戸籍謄本.</summary>
    FamilyRegisterCopy = 11,

    /// <summary>成年後見登記事項証明書.</summary>
    GuardianshipCertificate = 12,
    Other = 99,
}

/// <summary>What a document proves on this request.</summary>
public enum DocumentRole
{
    PrincipalIdentity = 1,
    AgentIdentity = 2,
    Authority = 3,
    Supporting = 9,
}

/// <summary>One slot the requester must fill: a role and the document types that can fill it.</summary>
public sealed record DocumentRequirement(DocumentRole Role, IReadOnlyList<DocumentType> AcceptedTypes, Label Description);

/// <summary>A document present on a request, as the rule sees it.</summary>
public readonly record struct ProvidedDocument(DocumentRole Role, DocumentType Type);

/// <summary>
/// The documents rule of the seed (§7(4)イ): which documents each requester type must send, and how fresh a
/// relationship document must be.
/// </summary>
public static class DocumentRequirements
{
    /// <summary>The four identity documents of the seed; any one of them proves identity.</summary>
    public static readonly IReadOnlyList<DocumentType> IdentityDocumentTypes =
    [
        DocumentType.MyNumberCardFront,
        DocumentType.DriversLicence,
        DocumentType.HealthInsuranceCard,
        DocumentType.Passport,
    ];

    /// <summary>The documents that prove a legal representative's authority.</summary>
    public static readonly IReadOnlyList<DocumentType> LegalAuthorityTypes =
    [
        DocumentType.FamilyRegisterCopy,
        DocumentType.GuardianshipCertificate,
    ];

    public static IReadOnlyList<DocumentRequirement> For(RequesterType requesterType)
    {
        var principal = new DocumentRequirement(
            DocumentRole.PrincipalIdentity,
            IdentityDocumentTypes,
            new Label(
                "ご本人の本人確認書類の写し（個人番号カード（表面）、運転免許証、健康保険被保険者証、パスポートのいずれか一つ）",
                "A copy of the person's ID (one of: My Number card front, driver's licence, health insurance card, passport)"));

        return requesterType switch
        {
            RequesterType.Principal => [principal],
            RequesterType.VoluntaryAgent =>
            [
                principal,
                new DocumentRequirement(DocumentRole.Authority, [DocumentType.PowerOfAttorney],
                    new Label("委任状", "Power of attorney (委任状)")),
                new DocumentRequirement(DocumentRole.AgentIdentity, IdentityDocumentTypes,
                    new Label(
                        "任意代理人の本人確認書類の写し（個人番号カード（表面）、運転免許証、健康保険被保険者証、パスポートのいずれか一つ）",
                        "A copy of the agent's ID (one of the same four)")),
            ],
            RequesterType.LegalRepresentative =>
            [
                principal,
                new DocumentRequirement(DocumentRole.Authority, LegalAuthorityTypes,
                    new Label(
                        "法定代理権の存在を確認できる書類（戸籍謄本又は成年後見登記事項証明書）",
                        "Proof of legal authority (family register copy or certificate of adult guardianship registration)")),
                new DocumentRequirement(DocumentRole.AgentIdentity, IdentityDocumentTypes,
                    new Label(
                        "法定代理人の本人確認書類の写し（個人番号カード（表面）、運転免許証、健康保険被保険者証、パスポートのいずれか一つ）",
                        "A copy of the legal representative's ID (one of the same four)")),
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(requesterType)),
        };
    }

    /// <summary>The requirements that the provided documents leave unfilled. Empty means the set is complete.</summary>
    public static IReadOnlyList<DocumentRequirement> Missing(RequesterType requesterType, IEnumerable<ProvidedDocument> provided)
    {
        var present = provided.ToArray();
        return For(requesterType)
            .Where(req => !present.Any(doc => doc.Role == req.Role && req.AcceptedTypes.Contains(doc.Type)))
            .ToArray();
    }

    /// <summary>Whether <paramref name="type"/> may fill the slot <paramref name="role"/> for this requester type.</summary>
    public static bool IsAcceptable(RequesterType requesterType, DocumentRole role, DocumentType type) =>
        role == DocumentRole.Supporting
        || For(requesterType).Any(req => req.Role == role && req.AcceptedTypes.Contains(type));

    /// <summary>Whether the document type must be checked for its issue date (戸籍謄本, 登記事項証明書).</summary>
    public static bool NeedsFreshness(DocumentType type) => LegalAuthorityTypes.Contains(type);

    /// <summary>
    /// Whether a relationship document issued on <paramref name="issuedOn"/> is still recent enough on
    /// <paramref name="today"/>. Co-ops differ (3 or 6 months), so the limit is the caller's configuration.
    /// </summary>
    public static bool IsFresh(DateOnly issuedOn, DateOnly today, int maxAgeMonths)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAgeMonths);
        return issuedOn <= today && issuedOn.AddMonths(maxAgeMonths) >= today;
    }
}
