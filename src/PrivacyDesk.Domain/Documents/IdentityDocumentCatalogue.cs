namespace PrivacyDesk.Domain.Documents;

/// <summary>A checklist point that belongs to a document rather than to a requester type.</summary>
public enum DocumentCheck
{
    /// <summary>個人番号カード: no copy of the back (the My Number) was sent.</summary>
    NoMyNumberCardBack = 1,

    /// <summary>健康保険被保険者証, 資格確認書: 保険者番号・記号・番号 are masked (Health Insurance Act, since Oct 2020).</summary>
    InsurerNumbersMasked = 2,

    /// <summary>The document shows no address (a passport issued since Feb 2020): a proof of address comes with it.</summary>
    AddressProof = 3,
}

/// <summary>
/// One identity document the co-op accepts: its type, the last day it is accepted (a kind of card that lapses, like the
/// 健康保険被保険者証 on 1 Dec 2025), and the checklist points that apply when it is sent (see
/// <see cref="DocumentCheck"/>).
/// </summary>
public sealed record AcceptedIdentityDocument(DocumentType Type, IReadOnlyList<DocumentCheck> Checks, DateOnly? AcceptedUntil = null)
{
    /// <summary>Whether the document is still accepted on <paramref name="today"/> (the last day included).</summary>
    public bool IsAcceptedOn(DateOnly today) => AcceptedUntil is not { } until || today <= until;

    /// <summary>The card shows no address (a passport issued since Feb 2020): an address proof must come with it.</summary>
    public bool NeedsAddressProof => Checks.Contains(DocumentCheck.AddressProof);
}

/// <summary>
/// The identity documents the co-op accepts, and the supplementary proofs of address it accepts beside an ID without
/// an address, as one list that the landing page, the online form, the blank forms, the letters and the ID check all
/// read (configuration <c>Organization:IdentityDocuments</c>; <see cref="Default"/> without it). The list moves with
/// the law (資格確認書 since Dec 2024, passports without an address since Feb 2020), so it is data, not code.
/// </summary>
public sealed class IdentityDocumentCatalogue
{
    /// <summary>The document types that can be identity documents at all.</summary>
    public static readonly IReadOnlyList<DocumentType> IdentityTypes =
    [
        DocumentType.MyNumberCardFront,
        DocumentType.DriversLicence,
        DocumentType.HealthInsuranceCard,
        DocumentType.QualificationCertificate,
        DocumentType.Passport,
    ];

    /// <summary>The document types that can prove an address beside an ID without one.</summary>
    public static readonly IReadOnlyList<DocumentType> AddressProofTypes =
    [
        DocumentType.ResidentRecordCopy,
        DocumentType.UtilityBill,
    ];

    /// <summary>
    /// The seed's four (個人番号カード表面, 運転免許証, 健康保険被保険者証, パスポート) plus the 資格確認書 that replaced the
    /// insurance card for people without マイナ保険証 (same masking of 保険者番号・記号・番号). The insurance cards still in
    /// circulation lapsed on 1 Dec 2025 at the latest, so that card is accepted until then. A passport confirms the
    /// name only; the address comes from a 住民票の写し or a utility bill of the last 3 months.
    /// </summary>
    public static IdentityDocumentCatalogue Default { get; } = new(
        [
            new(DocumentType.MyNumberCardFront, [DocumentCheck.NoMyNumberCardBack]),
            new(DocumentType.DriversLicence, []),
            new(DocumentType.HealthInsuranceCard, [DocumentCheck.InsurerNumbersMasked], HealthInsuranceCardsLapsedAfter),
            new(DocumentType.QualificationCertificate, [DocumentCheck.InsurerNumbersMasked]),
            new(DocumentType.Passport, [DocumentCheck.AddressProof]),
        ],
        [DocumentType.ResidentRecordCopy, DocumentType.UtilityBill],
        3);

    /// <summary>The last day the remaining 健康保険被保険者証 were valid (the transition period ended 1 Dec 2025).</summary>
    /// <remarks>A property, not a field: <see cref="Default"/> is initialised first and reads it.</remarks>
    public static DateOnly HealthInsuranceCardsLapsedAfter => new(2025, 12, 1);

    public IdentityDocumentCatalogue(
        IReadOnlyList<AcceptedIdentityDocument> documents, IReadOnlyList<DocumentType> addressProofs, int addressProofMaxAgeMonths)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(addressProofs);
        var problems = Problems(documents, addressProofs, addressProofMaxAgeMonths);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems.Select(p => p.English)), nameof(documents));
        }

        Documents = documents;
        AddressProofs = addressProofs;
        AddressProofMaxAgeMonths = addressProofMaxAgeMonths;
    }

    /// <summary>Every configured identity document, lapsed ones included (so that a page can say they lapsed).</summary>
    public IReadOnlyList<AcceptedIdentityDocument> Documents { get; }

    /// <summary>What proves an address beside an ID without one (住民票の写し, a utility bill).</summary>
    public IReadOnlyList<DocumentType> AddressProofs { get; }

    /// <summary>How recent an address proof must be, in months (a utility bill of the last 3 months).</summary>
    public int AddressProofMaxAgeMonths { get; }

    /// <summary>The documents accepted on <paramref name="today"/>.</summary>
    public IReadOnlyList<AcceptedIdentityDocument> AcceptedOn(DateOnly today) => Documents.Where(d => d.IsAcceptedOn(today)).ToArray();

    /// <summary>The configured documents that have lapsed by <paramref name="today"/>, to be named as no longer accepted.</summary>
    public IReadOnlyList<AcceptedIdentityDocument> LapsedOn(DateOnly today) => Documents.Where(d => !d.IsAcceptedOn(today)).ToArray();

    public bool Accepts(DocumentType type, DateOnly today) => Find(type)?.IsAcceptedOn(today) == true;

    public AcceptedIdentityDocument? Find(DocumentType type) => Documents.FirstOrDefault(d => d.Type == type);

    /// <summary>Whether an ID of this type needs an address proof beside it.</summary>
    public bool NeedsAddressProof(DocumentType type) => Find(type)?.NeedsAddressProof == true;

    /// <summary>The accepted documents' names joined for a sentence: 「個人番号カード（表面）、運転免許証、…」.</summary>
    public Label NamesOn(DateOnly today) => Join(AcceptedOn(today).Select(d => d.Type));

    /// <summary>The address proofs' names joined: 「住民票の写し、公共料金の領収書」.</summary>
    public Label AddressProofNames => Join(AddressProofs);

    /// <summary>
    /// The notes printed under the list of documents on paper (blank forms, the deficiency letter), in Japanese, for the
    /// documents accepted on <paramref name="today"/>: the My Number back, the masking of 保険者番号・記号・番号, the proof
    /// of address beside an ID without one, and each card that has lapsed.
    /// </summary>
    public IReadOnlyList<string> PaperNotes(DateOnly today)
    {
        var accepted = AcceptedOn(today);
        static string Names(IEnumerable<AcceptedIdentityDocument> documents) => string.Join("・", documents.Select(d => Labels.DocumentType(d.Type).Japanese));
        var notes = new List<string>();
        if (accepted.Any(d => d.Checks.Contains(DocumentCheck.NoMyNumberCardBack)))
        {
            notes.Add("個人番号カードは表面のみの写しとし、裏面（個人番号の記載面）は含めないでください。");
        }

        if (accepted.Where(d => d.Checks.Contains(DocumentCheck.InsurerNumbersMasked)).ToArray() is { Length: > 0 } masked)
        {
            notes.Add($"{Names(masked)}は、保険者番号・記号・番号を見えないようにして（マスキングして）ください。");
        }

        if (accepted.Where(d => d.NeedsAddressProof).ToArray() is { Length: > 0 } noAddress)
        {
            notes.Add($"{Names(noAddress)}には住所の記載がないため、住所を確認できる書類（{AddressProofNames.Japanese}のいずれか一つ、" +
                $"発行から{AddressProofMaxAgeMonths}か月以内のもの）の写しも添えてください。");
        }

        notes.AddRange(LapsedOn(today).Select(lapsed =>
            $"{Labels.DocumentType(lapsed.Type).Japanese}は{Text.JapaneseText.ToWareki(lapsed.AcceptedUntil!.Value)}で有効期限が切れたため、本人確認書類として受け付けられません。"));
        return notes;
    }

    /// <summary>
    /// What is wrong with a list, in Japanese and English (empty when it is usable): at least one document, each an
    /// identity type once, checklist points that exist, address proofs of
    /// <see cref="AddressProofTypes"/> (at least one when a document needs it), and an age limit of 1 to 12 months.
    /// </summary>
    public static IReadOnlyList<Label> Problems(
        IReadOnlyList<AcceptedIdentityDocument> documents, IReadOnlyList<DocumentType> addressProofs, int addressProofMaxAgeMonths)
    {
        var problems = new List<Label>();
        if (documents.Count == 0)
        {
            problems.Add(new("受け付ける本人確認書類が1つもありません。", "No identity document is accepted."));
        }

        foreach (var document in documents)
        {
            if (!IdentityTypes.Contains(document.Type))
            {
                problems.Add(new($"{document.Type} は本人確認書類の種類ではありません。", $"{document.Type} is not an identity document type."));
            }

            foreach (var check in document.Checks.Where(c => !Enum.IsDefined(c)))
            {
                problems.Add(new($"{document.Type} の確認項目 {check} は存在しません。", $"{check} is not a check point ({document.Type})."));
            }
        }

        foreach (var duplicate in documents.GroupBy(d => d.Type).Where(g => g.Count() > 1))
        {
            problems.Add(new($"{duplicate.Key} が2回以上あります。", $"{duplicate.Key} is listed more than once."));
        }

        foreach (var proof in addressProofs.Where(p => !AddressProofTypes.Contains(p)))
        {
            problems.Add(new($"{proof} は住所の確認書類の種類ではありません。", $"{proof} is not an address proof type."));
        }

        if (addressProofs.Count == 0 && documents.Any(d => d.NeedsAddressProof))
        {
            problems.Add(new("住所の確認書類が必要な本人確認書類がありますが、住所の確認書類が1つもありません。",
                "A document needs an address proof, but no address proof is accepted."));
        }

        if (addressProofMaxAgeMonths is < 1 or > 12)
        {
            problems.Add(new("住所の確認書類の有効期間は1〜12か月にしてください。", "The address proof's age limit must be from 1 to 12 months."));
        }

        return problems;
    }

    private static Label Join(IEnumerable<DocumentType> types)
    {
        var labels = types.Select(Labels.DocumentType).ToArray();
        return new(string.Join("、", labels.Select(l => l.Japanese)), string.Join(", ", labels.Select(l => l.English)));
    }
}
