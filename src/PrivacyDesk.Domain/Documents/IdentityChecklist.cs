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

    /// <summary>On a 健康保険被保険者証 or 資格確認書, 保険者番号・記号・番号 are masked.</summary>
    InsuranceSymbolsMasked = 4,

    /// <summary>Beside an ID without an address (a passport): a proof of the person's address that matches the request.</summary>
    PrincipalAddressProofValid = 5,

    /// <summary>The 委任状 is present, names the agent and the request, and is signed by the person.</summary>
    PowerOfAttorneyValid = 10,

    /// <summary>The 戸籍謄本 or 成年後見登記事項証明書 is present, shows the authority, and is recent enough.</summary>
    LegalAuthorityDocumentValid = 11,

    /// <summary>The agent's or representative's ID is one of the accepted kinds, legible and still valid.</summary>
    AgentIdAccepted = 12,

    /// <summary>The name and address on the agent's ID match the request.</summary>
    AgentNameAndAddressMatch = 13,

    /// <summary>Beside an agent's ID without an address: a proof of the agent's address that matches the request.</summary>
    AgentAddressProofValid = 14,
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
        IdentityCheckItem.PrincipalAddressProofValid,
        IdentityCheckItem.NoMyNumberCardBack,
        IdentityCheckItem.InsuranceSymbolsMasked,
    ];

    private static readonly IdentityCheckItem[] AgentIdItems =
    [
        IdentityCheckItem.AgentIdAccepted,
        IdentityCheckItem.AgentNameAndAddressMatch,
        IdentityCheckItem.AgentAddressProofValid,
    ];

    /// <summary>Every point that can apply to <paramref name="requesterType"/>, whatever documents were sent.</summary>
    public static IReadOnlyList<IdentityCheckItem> For(RequesterType requesterType) => requesterType switch
    {
        RequesterType.Principal => PrincipalItems,
        RequesterType.VoluntaryAgent => [.. PrincipalItems, IdentityCheckItem.PowerOfAttorneyValid, .. AgentIdItems],
        RequesterType.LegalRepresentative => [.. PrincipalItems, IdentityCheckItem.LegalAuthorityDocumentValid, .. AgentIdItems],
        _ => throw new ArgumentOutOfRangeException(nameof(requesterType), requesterType, null),
    };

    /// <summary>
    /// The points that apply to documents of these types under the default catalogue, their roles unknown (so no
    /// address-proof point): see <see cref="For(RequesterType, IEnumerable{ProvidedDocument}, IdentityDocumentCatalogue)"/>.
    /// </summary>
    public static IReadOnlyList<IdentityCheckItem> For(RequesterType requesterType, IEnumerable<DocumentType> presentTypes)
    {
        ArgumentNullException.ThrowIfNull(presentTypes);
        return For(requesterType, presentTypes.Select(t => new ProvidedDocument(DocumentRole.Supporting, t)), IdentityDocumentCatalogue.Default);
    }

    /// <summary>
    /// The points that apply to the documents actually present, by each document's checks in
    /// <paramref name="catalogue"/>: the My Number back only when a 個人番号カード was sent, the masking of
    /// 保険者番号・記号・番号 only when a 健康保険被保険者証 or 資格確認書 was sent (of the person or the agent), an address
    /// proof only beside the ID (of the person, or of the agent) that shows no address. Staff are not asked to confirm,
    /// and the audit does not record as confirmed, a point about a document nobody sent.
    /// </summary>
    public static IReadOnlyList<IdentityCheckItem> For(
        RequesterType requesterType, IEnumerable<ProvidedDocument> present, IdentityDocumentCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(present);
        ArgumentNullException.ThrowIfNull(catalogue);
        var documents = present.ToArray();
        bool Any(DocumentCheck check, params DocumentRole[] roles) => documents.Any(d =>
            (roles.Length == 0 || roles.Contains(d.Role)) && catalogue.Find(d.Type)?.Checks.Contains(check) == true);

        return For(requesterType).Where(item => item switch
        {
            IdentityCheckItem.NoMyNumberCardBack => Any(DocumentCheck.NoMyNumberCardBack),
            IdentityCheckItem.InsuranceSymbolsMasked => Any(DocumentCheck.InsurerNumbersMasked),
            IdentityCheckItem.PrincipalAddressProofValid => Any(DocumentCheck.AddressProof, DocumentRole.PrincipalIdentity),
            IdentityCheckItem.AgentAddressProofValid => Any(DocumentCheck.AddressProof, DocumentRole.AgentIdentity),
            _ => true,
        }).ToArray();
    }

    /// <summary>The points of <paramref name="checklist"/> that are not in <paramref name="confirmed"/>.</summary>
    public static IReadOnlyList<IdentityCheckItem> Unconfirmed(IReadOnlyList<IdentityCheckItem> checklist, IEnumerable<IdentityCheckItem> confirmed)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        ArgumentNullException.ThrowIfNull(confirmed);
        var set = confirmed.ToHashSet();
        return checklist.Where(item => !set.Contains(item)).ToArray();
    }

    /// <summary>The points of the full list for <paramref name="requesterType"/> that are not in <paramref name="confirmed"/>.</summary>
    public static IReadOnlyList<IdentityCheckItem> Unconfirmed(RequesterType requesterType, IEnumerable<IdentityCheckItem> confirmed) =>
        Unconfirmed(For(requesterType), confirmed);

    /// <summary>
    /// The reason the member reads when the documents are returned: for each point of <paramref name="checklist"/>
    /// marked failed, what to send (plain and positive: what to send, not what could not be confirmed), one per line,
    /// then what staff added (<paramref name="note"/>).
    /// </summary>
    public static string DeficiencyReason(
        IReadOnlyCollection<IdentityCheckItem> checklist, IEnumerable<IdentityCheckItem> failed, string? note, int authorityMaxAgeMonths = 3,
        IdentityDocumentCatalogue? catalogue = null, DateOnly? today = null)
    {
        // Only points of this request's checklist, in its order; points left unticked are not deficiencies.
        var lines = checklist.Intersect(failed).Select(i => "・" + WhatToSend(i, authorityMaxAgeMonths, catalogue, today).Japanese);
        return string.Join("\n", string.IsNullOrWhiteSpace(note) ? lines : lines.Append(note.Trim()));
    }

    /// <summary>
    /// What the member is asked to send when <paramref name="item"/> failed (see <see cref="WhatToSend"/>).
    /// </summary>
    public static Label WhatToSend(
        IdentityCheckItem item, int authorityMaxAgeMonths = 3, IdentityDocumentCatalogue? catalogue = null, DateOnly? today = null)
    {
        // The names of the documents come from the configured catalogue, as accepted on the day the text is written.
        catalogue ??= IdentityDocumentCatalogue.Default;
        var names = catalogue.NamesOn(today ?? DateOnly.MaxValue);
        var proofs = catalogue.AddressProofNames;
        var months = catalogue.AddressProofMaxAgeMonths;
        return WhatToSend(item, authorityMaxAgeMonths, names, proofs, months);
    }

    private static Label WhatToSend(IdentityCheckItem item, int authorityMaxAgeMonths, Label names, Label proofs, int months) => item switch
    {
        IdentityCheckItem.PrincipalIdAccepted => new(
            $"ご本人の本人確認書類（{names.Japanese}のいずれか一つ）で、文字がはっきり読めて有効期限内のものの写しをお送りください。",
            $"Please send a legible copy of a valid ID of the person ({names.English})."),
        IdentityCheckItem.PrincipalAddressProofValid => new(
            $"パスポートなどの本人確認書類に添えて、ご本人の現住所が記載された書類（{proofs.Japanese}のいずれか一つで、発行から{months}か月以内のもの）の写しをお送りください。",
            $"Please send, beside an ID without an address field such as a passport, a copy of a document showing the person's current address ({proofs.English}, issued within {months} months)."),
        IdentityCheckItem.AgentAddressProofValid => new(
            $"パスポートなどの本人確認書類に添えて、代理人の現住所が記載された書類（{proofs.Japanese}のいずれか一つで、発行から{months}か月以内のもの）の写しをお送りください。",
            $"Please send, beside the agent's ID without an address field such as a passport, a copy of a document showing the agent's current address ({proofs.English}, issued within {months} months)."),
        IdentityCheckItem.PrincipalNameAndAddressMatch => new(
            "請求書に書かれた氏名・住所と同じ氏名・住所が記載された、ご本人の本人確認書類の写しをお送りください。",
            "Please send a copy of the person's ID showing the same name and address as the request."),
        IdentityCheckItem.NoMyNumberCardBack => new(
            "個人番号カードは、表面だけの写しをお送りください（裏面の写しは当会で破棄します）。",
            "Please send a copy of the front of the My Number card only (we destroy the copy of the back)."),
        IdentityCheckItem.InsuranceSymbolsMasked => new(
            "健康保険被保険者証・資格確認書は、保険者番号・記号・番号を黒く塗りつぶすなどして見えないようにした写しをお送りください。",
            "Please send a copy of the health insurance card or eligibility certificate with the insurer number, symbol and number blacked out."),
        IdentityCheckItem.PowerOfAttorneyValid => new(
            "代理人と請求の内容が書かれ、ご本人が署名（または記名押印）した委任状をお送りください。",
            "Please send a power of attorney that names the agent and the request and is signed by the person."),
        IdentityCheckItem.LegalAuthorityDocumentValid => new(
            $"法定代理人であることがわかる、発行から{authorityMaxAgeMonths}か月以内の戸籍謄本または成年後見登記事項証明書をお送りください。",
            $"Please send a family register copy or guardianship certificate, issued within {authorityMaxAgeMonths} months, that shows the legal authority."),
        IdentityCheckItem.AgentIdAccepted => new(
            $"代理人の本人確認書類（{names.Japanese}のいずれか一つ）で、文字がはっきり読めて有効期限内のものの写しをお送りください。",
            $"Please send a legible copy of a valid ID of the agent ({names.English})."),
        IdentityCheckItem.AgentNameAndAddressMatch => new(
            "請求書に書かれた代理人の氏名・住所と同じ氏名・住所が記載された、代理人の本人確認書類の写しをお送りください。",
            "Please send a copy of the agent's ID showing the same name and address as the request."),
        _ => throw new ArgumentOutOfRangeException(nameof(item), item, null),
    };

    /// <summary>
    /// Which document slot a failed point asks to be sent again: the person's ID, the agent's ID or the authority. The
    /// My Number and insurance-card points belong to whichever ID of that type was sent (<paramref name="holderOf"/>).
    /// </summary>
    public static DocumentRole RoleOf(IdentityCheckItem item, Func<DocumentType, DocumentRole?> holderOf)
    {
        ArgumentNullException.ThrowIfNull(holderOf);
        return item switch
        {
            IdentityCheckItem.PrincipalIdAccepted or IdentityCheckItem.PrincipalNameAndAddressMatch => DocumentRole.PrincipalIdentity,
            IdentityCheckItem.NoMyNumberCardBack => holderOf(DocumentType.MyNumberCardFront) ?? DocumentRole.PrincipalIdentity,
            IdentityCheckItem.InsuranceSymbolsMasked =>
                holderOf(DocumentType.HealthInsuranceCard) ?? holderOf(DocumentType.QualificationCertificate) ?? DocumentRole.PrincipalIdentity,
            IdentityCheckItem.PrincipalAddressProofValid => DocumentRole.PrincipalAddressProof,
            IdentityCheckItem.AgentAddressProofValid => DocumentRole.AgentAddressProof,
            IdentityCheckItem.PowerOfAttorneyValid or IdentityCheckItem.LegalAuthorityDocumentValid => DocumentRole.Authority,
            IdentityCheckItem.AgentIdAccepted or IdentityCheckItem.AgentNameAndAddressMatch => DocumentRole.AgentIdentity,
            _ => throw new ArgumentOutOfRangeException(nameof(item), item, null),
        };
    }

    public static Label Describe(
        IdentityCheckItem item, int authorityMaxAgeMonths = 3, IdentityDocumentCatalogue? catalogue = null, DateOnly? today = null)
    {
        catalogue ??= IdentityDocumentCatalogue.Default;
        return Describe(item, authorityMaxAgeMonths, catalogue.NamesOn(today ?? DateOnly.MaxValue), catalogue.AddressProofNames, catalogue.AddressProofMaxAgeMonths);
    }

    private static Label Describe(IdentityCheckItem item, int authorityMaxAgeMonths, Label names, Label proofs, int months) => item switch
    {
        IdentityCheckItem.PrincipalIdAccepted => new($"ご本人の本人確認書類が受付可能な種類（{names.Japanese}）で、判読でき、有効期限内である",
            $"The person's ID is an accepted kind ({names.English}), legible and valid"),
        IdentityCheckItem.PrincipalAddressProofValid => new($"住所の記載のない本人確認書類に、ご本人の住所を確認できる書類（{proofs.Japanese}、発行から{months}か月以内）が添えられ、住所が請求書の記載と一致している",
            $"Beside an ID without an address, a proof of the person's address ({proofs.English}, issued within {months} months) matches the request"),
        IdentityCheckItem.AgentAddressProofValid => new($"住所の記載のない代理人の本人確認書類に、代理人の住所を確認できる書類（{proofs.Japanese}、発行から{months}か月以内）が添えられ、住所が請求書の記載と一致している",
            $"Beside the agent's ID without an address, a proof of the agent's address ({proofs.English}, issued within {months} months) matches the request"),
        IdentityCheckItem.PrincipalNameAndAddressMatch => new("ご本人の本人確認書類の氏名・住所が請求書の記載と一致している",
            "The name and address on the person's ID match the request"),
        IdentityCheckItem.NoMyNumberCardBack => new("個人番号カードの裏面（個人番号）の写しが含まれていない",
            "No copy of the back of a My Number card (the individual number) is included"),
        IdentityCheckItem.InsuranceSymbolsMasked => new("健康保険被保険者証・資格確認書の場合、保険者番号・記号・番号が見えないよう覆われている",
            "On a health insurance card or eligibility certificate, the insurer number, symbol and number are masked"),
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

    public IdentityCheck(
        IdentityCheckOutcome outcome, IEnumerable<IdentityCheckItem> confirmed, string? reason, string checkedBy, DateTimeOffset checkedAt,
        IEnumerable<IdentityCheckItem>? failed = null)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        ArgumentException.ThrowIfNullOrWhiteSpace(checkedBy);
        Id = Guid.CreateVersion7();
        Outcome = outcome;
        Confirmed = confirmed.Distinct().Order().ToList();
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        CheckedBy = checkedBy;
        CheckedAt = checkedAt.ToUniversalTime();
        Failed = (failed ?? []).Distinct().Order().ToList();
    }

    public Guid Id { get; private set; }
    public IdentityCheckOutcome Outcome { get; private set; }
    public List<IdentityCheckItem> Confirmed { get; private set; } = [];
    public string? Reason { get; private set; }

    /// <summary>The points marked deficient at a return: the member is asked to send those documents again.</summary>
    public List<IdentityCheckItem> Failed { get; private set; } = [];

    public string CheckedBy { get; private set; }
    public DateTimeOffset CheckedAt { get; private set; }
}
