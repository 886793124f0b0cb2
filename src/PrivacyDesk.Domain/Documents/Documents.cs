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

    /// <summary>資格確認書: issued instead of the insurance card to people without マイナ保険証 (same 記号・番号, same masking).</summary>
    QualificationCertificate = 5,

    /// <summary>委任状.</summary>
    PowerOfAttorney = 10,

    /// <summary>戸籍謄本.</summary>
    FamilyRegisterCopy = 11,

    /// <summary>成年後見登記事項証明書.</summary>
    GuardianshipCertificate = 12,

    /// <summary>住民票の写し: proves the address beside an ID without one.</summary>
    ResidentRecordCopy = 13,

    /// <summary>公共料金の領収書 or similar of the last months: proves the address beside an ID without one.</summary>
    UtilityBill = 14,
    Other = 99,
}

/// <summary>What a document proves on this request.</summary>
public enum DocumentRole
{
    PrincipalIdentity = 1,
    AgentIdentity = 2,
    Authority = 3,

    /// <summary>The person's address, beside an ID that shows none (a passport issued since Feb 2020).</summary>
    PrincipalAddressProof = 4,

    /// <summary>The agent's address, beside an ID that shows none.</summary>
    AgentAddressProof = 5,
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
    /// <summary>
    /// Every type that can be an identity document (<see cref="IdentityDocumentCatalogue.IdentityTypes"/>); which of
    /// them a co-op accepts, and until when, is its <see cref="IdentityDocumentCatalogue"/>.
    /// </summary>
    public static IReadOnlyList<DocumentType> IdentityDocumentTypes => IdentityDocumentCatalogue.IdentityTypes;

    /// <summary>The documents that prove a legal representative's authority.</summary>
    public static readonly IReadOnlyList<DocumentType> LegalAuthorityTypes =
    [
        DocumentType.FamilyRegisterCopy,
        DocumentType.GuardianshipCertificate,
    ];

    /// <summary>The slots of <paramref name="requesterType"/> with the default catalogue's documents as accepted today.</summary>
    public static IReadOnlyList<DocumentRequirement> For(RequesterType requesterType) =>
        For(requesterType, IdentityDocumentCatalogue.Default, DateOnly.MaxValue);

    /// <summary>
    /// The slots every request of <paramref name="requesterType"/> must fill, naming the documents
    /// <paramref name="catalogue"/> accepts on <paramref name="today"/>. An address proof is a further slot only for an
    /// ID without an address (<see cref="Missing(RequesterType, IEnumerable{ProvidedDocument}, IdentityDocumentCatalogue)"/>).
    /// </summary>
    public static IReadOnlyList<DocumentRequirement> For(RequesterType requesterType, IdentityDocumentCatalogue catalogue, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var types = catalogue.Documents.Select(d => d.Type).ToArray();
        var names = catalogue.NamesOn(today);
        var principal = new DocumentRequirement(
            DocumentRole.PrincipalIdentity,
            types,
            new Label($"ご本人の本人確認書類の写し（{names.Japanese}のいずれか一つ）", $"A copy of the person's ID (one of: {names.English})"));

        return requesterType switch
        {
            RequesterType.Principal => [principal],
            RequesterType.VoluntaryAgent =>
            [
                principal,
                new DocumentRequirement(DocumentRole.Authority, [DocumentType.PowerOfAttorney],
                    new Label("委任状", "Power of attorney (委任状)")),
                new DocumentRequirement(DocumentRole.AgentIdentity, types,
                    new Label($"任意代理人の本人確認書類の写し（{names.Japanese}のいずれか一つ）", $"A copy of the agent's ID (one of: {names.English})")),
            ],
            RequesterType.LegalRepresentative =>
            [
                principal,
                new DocumentRequirement(DocumentRole.Authority, LegalAuthorityTypes,
                    new Label(
                        "法定代理権の存在を確認できる書類（戸籍謄本又は成年後見登記事項証明書）",
                        "Proof of legal authority (family register copy or certificate of adult guardianship registration)")),
                new DocumentRequirement(DocumentRole.AgentIdentity, types,
                    new Label($"法定代理人の本人確認書類の写し（{names.Japanese}のいずれか一つ）", $"A copy of the legal representative's ID (one of: {names.English})")),
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(requesterType)),
        };
    }

    /// <summary>The slot of an address proof beside the ID of <paramref name="role"/> (principal or agent).</summary>
    public static DocumentRequirement AddressProof(DocumentRole role, IdentityDocumentCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var names = catalogue.AddressProofNames;
        var months = catalogue.AddressProofMaxAgeMonths;
        return role == DocumentRole.AgentIdentity
            ? new DocumentRequirement(DocumentRole.AgentAddressProof, catalogue.AddressProofs,
                new Label($"代理人の住所を確認できる書類の写し（{names.Japanese}のいずれか一つ、発行から{months}か月以内のもの。住所の記載のない本人確認書類の場合）",
                    $"A copy of a proof of the agent's address (one of: {names.English}, issued within {months} months; with an ID that shows no address)"))
            : new DocumentRequirement(DocumentRole.PrincipalAddressProof, catalogue.AddressProofs,
                new Label($"ご本人の住所を確認できる書類の写し（{names.Japanese}のいずれか一つ、発行から{months}か月以内のもの。住所の記載のない本人確認書類の場合）",
                    $"A copy of a proof of the person's address (one of: {names.English}, issued within {months} months; with an ID that shows no address)"));
    }

    /// <summary>The requirements that the provided documents leave unfilled. Empty means the set is complete.</summary>
    public static IReadOnlyList<DocumentRequirement> Missing(RequesterType requesterType, IEnumerable<ProvidedDocument> provided) =>
        Missing(requesterType, provided, IdentityDocumentCatalogue.Default);

    /// <summary>
    /// The requirements the provided documents leave unfilled, including an address proof beside each ID that shows
    /// no address (<see cref="IdentityDocumentCatalogue.NeedsAddressProof"/>). Empty means the set is complete.
    /// </summary>
    public static IReadOnlyList<DocumentRequirement> Missing(
        RequesterType requesterType, IEnumerable<ProvidedDocument> provided, IdentityDocumentCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var present = provided.ToArray();
        var requirements = For(requesterType, catalogue, DateOnly.MaxValue).ToList();
        foreach (var idRole in new[] { DocumentRole.PrincipalIdentity, DocumentRole.AgentIdentity })
        {
            if (present.Any(doc => doc.Role == idRole && catalogue.NeedsAddressProof(doc.Type)))
            {
                requirements.Add(AddressProof(idRole, catalogue));
            }
        }

        return requirements
            .Where(req => !present.Any(doc => doc.Role == req.Role && req.AcceptedTypes.Contains(doc.Type)))
            .ToArray();
    }

    /// <summary>Whether <paramref name="type"/> may fill the slot <paramref name="role"/> for this requester type.</summary>
    public static bool IsAcceptable(RequesterType requesterType, DocumentRole role, DocumentType type) =>
        IsAcceptable(requesterType, role, type, IdentityDocumentCatalogue.Default);

    /// <summary>
    /// Whether <paramref name="type"/> may fill the slot <paramref name="role"/> under <paramref name="catalogue"/>: an
    /// ID of a configured type (whether it has lapsed is for the form and the ID check to judge, on their date), an
    /// address proof of a configured type (the agent's only where there is an agent), anything as supporting.
    /// </summary>
    public static bool IsAcceptable(RequesterType requesterType, DocumentRole role, DocumentType type, IdentityDocumentCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        return role switch
        {
            DocumentRole.Supporting => true,
            DocumentRole.PrincipalAddressProof => catalogue.AddressProofs.Contains(type),
            DocumentRole.AgentAddressProof => requesterType != RequesterType.Principal && catalogue.AddressProofs.Contains(type),
            _ => For(requesterType, catalogue, DateOnly.MaxValue).Any(req => req.Role == role && req.AcceptedTypes.Contains(type)),
        };
    }

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
