using System.Globalization;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Domain.ProvisionRecords;

/// <summary>Which side of a provision the co-op was on.</summary>
public enum ProvisionDirection
{
    /// <summary>The co-op provided personal data to a third party: the record of APPI Art. 29 (提供に係る記録).</summary>
    Provided = 1,

    /// <summary>The co-op received personal data from a third party: the confirmation record of Art. 30 (確認記録).</summary>
    Received = 2,
}

/// <summary>On what the provision rested.</summary>
public enum ProvisionBasis
{
    /// <summary>The person's consent (Art. 27(1)).</summary>
    Consent = 1,

    /// <summary>One of the exceptions of Art. 27(1) items (法令に基づく場合 etc.).</summary>
    LegalException = 2,

    /// <summary>Opt-out (Art. 27(2)), notified to the PPC.</summary>
    OptOut = 3,
}

/// <summary>
/// One record of the register of third-party provisions (APPI Arts. 29-30; 施行規則第19条-第20条, 第22条-第24条): when,
/// to or from whom, about whom, which items, on what basis. Personal data: read only on audited pages, kept for the
/// periods of 施行規則第14条 and then purged to a tombstone (<see cref="Purge"/>).
/// </summary>
public sealed class ProvisionRecord
{
    public const int MaxTextLength = 400;
    public const int MaxNoteLength = 2000;

    private ProvisionRecord()
    {
        RowKey = CounterpartyName = PersonName = PersonKana = SearchKana = DataItems = RecordedBy = string.Empty;
    }

    public ProvisionRecord(ProvisionRecordDraft draft, string rowKey, Guid importId, string recordedBy, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentException.ThrowIfNullOrWhiteSpace(rowKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(recordedBy);
        ProvisionRecordRules.Validate(draft);
        Id = Guid.CreateVersion7();
        Direction = draft.Direction;
        ProvidedOn = draft.ProvidedOn;
        ProvidedUntil = draft.ProvidedUntil;
        CounterpartyName = draft.CounterpartyName.Trim();
        CounterpartyAddress = Blank(draft.CounterpartyAddress);
        CounterpartyRepresentative = Blank(draft.CounterpartyRepresentative);
        MemberNumber = Blank(draft.MemberNumber) is { } number ? JapaneseText.ToHalfWidth(number) : null;
        PersonName = JapaneseText.NormalizeName(draft.PersonName);
        PersonKana = JapaneseText.NormalizeKana(draft.PersonKana);
        SearchKana = JapaneseText.SearchKey(PersonKana);
        PersonBirthDate = draft.PersonBirthDate;
        DataItems = draft.DataItems.Trim();
        Basis = draft.Basis;
        Acquisition = Blank(draft.Acquisition);
        ContractDocument = draft.ContractDocument;
        Note = Blank(draft.Note);
        RowKey = rowKey;
        ImportId = importId;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }
    public ProvisionDirection Direction { get; private set; }

    /// <summary>The date of provision, or the first day of a continuous provision.</summary>
    public DateOnly ProvidedOn { get; private set; }

    /// <summary>The last day of a continuous or repeated provision (施行規則第19条第2項), else null.</summary>
    public DateOnly? ProvidedUntil { get; private set; }

    /// <summary>The recipient (Provided) or the provider (Received): name.</summary>
    public string CounterpartyName { get; private set; }

    public string? CounterpartyAddress { get; private set; }

    /// <summary>代表者の氏名, for a corporation.</summary>
    public string? CounterpartyRepresentative { get; private set; }

    public string? MemberNumber { get; private set; }
    public string PersonName { get; private set; }
    public string PersonKana { get; private set; }

    /// <summary><see cref="JapaneseText.SearchKey"/> of the kana: the key a requester is matched on, with the birth date.</summary>
    public string SearchKana { get; private set; }

    public DateOnly? PersonBirthDate { get; private set; }
    public string DataItems { get; private set; }
    public ProvisionBasis Basis { get; private set; }

    /// <summary>For a received record (Art. 30(1)(ii)): how the provider came to hold the data (取得の経緯).</summary>
    public string? Acquisition { get; private set; }

    /// <summary>
    /// The record is the contract or similar document of goods or services provided to the person (施行規則第20条第3項
    /// / 第24条第3項): kept one year instead of three (施行規則第14条第1号, 第18条第1号).
    /// </summary>
    public bool ContractDocument { get; private set; }

    public string? Note { get; private set; }

    /// <summary>The SHA-256 of the row's normalised fields: the same row imported again is the same record.</summary>
    public string RowKey { get; private set; }

    public Guid ImportId { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>When the personal data of the record was purged; the row stays as the tombstone.</summary>
    public DateTimeOffset? PurgedAt { get; private set; }

    /// <summary>The last day the record must be kept: the last day of provision plus the period of 施行規則第14条.</summary>
    public DateOnly RetainUntil(ProvisionRetention retention)
    {
        ArgumentNullException.ThrowIfNull(retention);
        return (ProvidedUntil ?? ProvidedOn).AddYears(ContractDocument ? retention.ContractDocumentYears : retention.GeneralYears);
    }

    /// <summary>
    /// Empties the personal data (who, which items, the note); what remains says that a record of this direction and
    /// date existed and when it was purged.
    /// </summary>
    public void Purge(DateTimeOffset at)
    {
        if (PurgedAt is not null)
        {
            return;
        }

        CounterpartyName = PersonName = PersonKana = SearchKana = DataItems = string.Empty;
        CounterpartyAddress = CounterpartyRepresentative = MemberNumber = Acquisition = Note = null;
        PersonBirthDate = null;
        PurgedAt = at;
    }

    /// <summary>The record as the lines of a 第三者提供記録の開示 letter ("項目：内容", one a line).</summary>
    public IEnumerable<string> DisclosureLines()
    {
        var until = ProvidedUntil is { } last ? $"〜{JapaneseText.ToWareki(last)}（継続的な提供）" : string.Empty;
        var counterparty = string.Join("、", new[] { CounterpartyName, CounterpartyAddress, CounterpartyRepresentative is null ? null : "代表者 " + CounterpartyRepresentative }
            .Where(s => !string.IsNullOrEmpty(s)));
        var provided = Direction == ProvisionDirection.Provided;
        yield return $"{(provided ? "提供年月日" : "提供を受けた年月日")}：{JapaneseText.ToWareki(ProvidedOn)}{until}";
        yield return $"{(provided ? "提供先" : "提供元")}：{counterparty}";
        yield return $"本人：{PersonName}";
        yield return $"個人データの項目：{DataItems}";
        yield return $"根拠：{ProvisionRecordRules.BasisLabel(Basis).Japanese}";
        if (Acquisition is not null)
        {
            yield return $"提供元の取得の経緯：{Acquisition}";
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A record as read from a row or a form, before it is checked.</summary>
public sealed record ProvisionRecordDraft(
    ProvisionDirection Direction,
    DateOnly ProvidedOn,
    DateOnly? ProvidedUntil,
    string CounterpartyName,
    string? CounterpartyAddress,
    string? CounterpartyRepresentative,
    bool CounterpartyIsCorporation,
    string? MemberNumber,
    string PersonName,
    string PersonKana,
    DateOnly? PersonBirthDate,
    string DataItems,
    ProvisionBasis Basis,
    string? Acquisition,
    bool ContractDocument,
    string? Note)
{
    /// <summary>The normalised fields, one per line: what <see cref="ProvisionRecord.RowKey"/> hashes.</summary>
    public string Canonical() => string.Join("\n",
        ((int)Direction).ToString(CultureInfo.InvariantCulture), ProvidedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ProvidedUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty, CounterpartyName.Trim(), CounterpartyAddress?.Trim() ?? string.Empty,
        CounterpartyRepresentative?.Trim() ?? string.Empty, CounterpartyIsCorporation ? "1" : "0",
        MemberNumber is null ? string.Empty : JapaneseText.ToHalfWidth(MemberNumber).Trim(), JapaneseText.NormalizeName(PersonName),
        JapaneseText.SearchKey(PersonKana), PersonBirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        DataItems.Trim(), ((int)Basis).ToString(CultureInfo.InvariantCulture), Acquisition?.Trim() ?? string.Empty, ContractDocument ? "1" : "0",
        Note?.Trim() ?? string.Empty);
}

/// <summary>The retention periods of 施行規則第14条 (and 第18条 for received records), in years.</summary>
public sealed record ProvisionRetention(int GeneralYears, int ContractDocumentYears)
{
    /// <summary>The law's periods: 3 years in general, 1 year where the record is the contract or similar document.</summary>
    public static ProvisionRetention Statutory { get; } = new(3, 1);
}

public static class ProvisionRecordRules
{
    public static Label BasisLabel(ProvisionBasis basis) => basis switch
    {
        ProvisionBasis.Consent => new("本人の同意", "The person's consent"),
        ProvisionBasis.LegalException => new("法第27条第1項各号に該当（法令に基づく場合等）", "An exception of APPI Art. 27(1)"),
        _ => new("オプトアウト（法第27条第2項）", "Opt-out (APPI Art. 27(2))"),
    };

    public static Label DirectionLabel(ProvisionDirection direction) => direction == ProvisionDirection.Provided
        ? new("提供した（第29条の記録）", "Provided (Art. 29 record)")
        : new("提供を受けた（第30条の確認記録）", "Received (Art. 30 record)")
        ;

    /// <summary>
    /// The handovers that are not provisions to a third party (Art. 27(5)): 委託 (i), 事業承継 (ii), 共同利用 (iii). They need
    /// no record under Art. 29, so the register refuses them, saying why, instead of keeping what the law does not ask.
    /// Null for any other word.
    /// </summary>
    public static Label? NotAThirdPartyProvision(string? category)
    {
        var word = JapaneseText.ToHalfWidth(category ?? string.Empty).Trim();
        if (word.Contains("委託", StringComparison.Ordinal))
        {
            return new("委託（配送業者・システム会社などへの業務の委託）に伴う提供は、第三者提供に当たらないため（個人情報保護法第27条第5項第1号）、第三者提供記録は作成しません。",
                "A handover to a contractor (委託) is not a provision to a third party (APPI Art. 27(5)(i)), so it needs no provision record.");
        }

        if (word.Contains("事業承継", StringComparison.Ordinal) || word.Contains("合併", StringComparison.Ordinal))
        {
            return new("合併その他の事由による事業の承継に伴う提供は、第三者提供に当たらないため（個人情報保護法第27条第5項第2号）、第三者提供記録は作成しません。",
                "A handover with a business succession (事業承継) is not a provision to a third party (APPI Art. 27(5)(ii)), so it needs no provision record.");
        }

        if (word.Contains("共同利用", StringComparison.Ordinal))
        {
            return new("共同利用（当会・会員生協・生活クラブ共済連など、公表した範囲での利用）は、第三者提供に当たらないため（個人情報保護法第27条第5項第3号）、第三者提供記録は作成しません。",
                "Shared use (共同利用) within the published scope is not a provision to a third party (APPI Art. 27(5)(iii)), so it needs no provision record.");
        }

        return null;
    }

    public static void Validate(ProvisionRecordDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (string.IsNullOrWhiteSpace(draft.CounterpartyName))
        {
            throw Rule("provision.counterparty", draft.Direction == ProvisionDirection.Provided ? "提供先の名称がありません。" : "提供元の名称がありません。",
                "The recipient or provider is missing.");
        }

        if (draft.CounterpartyIsCorporation && (string.IsNullOrWhiteSpace(draft.CounterpartyAddress) || string.IsNullOrWhiteSpace(draft.CounterpartyRepresentative)))
        {
            // 施行規則第20条第1項第1号ハ / 第24条第1項第1号イ: for a corporation, its address and its representative's name.
            throw Rule("provision.corporation", "相手方が法人の場合は、住所と代表者の氏名が必要です。",
                "For a corporation, its address and its representative's name are required.");
        }

        if (string.IsNullOrWhiteSpace(draft.PersonName) || string.IsNullOrWhiteSpace(draft.PersonKana))
        {
            throw Rule("provision.person", "本人の氏名とフリガナが必要です。", "The person's name and kana are required.");
        }

        if (string.IsNullOrWhiteSpace(draft.MemberNumber) && draft.PersonBirthDate is null)
        {
            // Without either, the record could never be matched to the person who asks for it.
            throw Rule("provision.identify", "本人を特定するため、組合員番号または生年月日が必要です。",
                "A member number or a birth date is required to identify the person.");
        }

        if (!JapaneseText.IsKatakana(JapaneseText.NormalizeKana(draft.PersonKana)))
        {
            throw Rule("provision.kana", "フリガナはカタカナまたはひらがなで入力してください。", "Write the kana in katakana or hiragana.");
        }

        if (string.IsNullOrWhiteSpace(draft.DataItems))
        {
            throw Rule("provision.items", "提供した個人データの項目がありません。", "The data items are missing.");
        }

        if (draft.ProvidedUntil is { } until && until < draft.ProvidedOn)
        {
            throw Rule("provision.period", "提供期間の終了日が開始日より前です。", "The period ends before it starts.");
        }

        if (draft.Direction == ProvisionDirection.Received && string.IsNullOrWhiteSpace(draft.Acquisition))
        {
            // Art. 30(1)(ii): the recipient confirms how the provider came to hold the data.
            throw Rule("provision.acquisition", "提供を受けた記録には、提供元の取得の経緯が必要です（個人情報保護法第30条第1項第2号）。",
                "A received record needs how the provider acquired the data (APPI Art. 30(1)(ii)).");
        }

        var longest = new[] { draft.CounterpartyName, draft.CounterpartyAddress, draft.CounterpartyRepresentative, draft.MemberNumber, draft.PersonName, draft.PersonKana, draft.DataItems, draft.Acquisition }
            .Max(s => s?.Length ?? 0);
        if (longest > ProvisionRecord.MaxTextLength || (draft.Note?.Length ?? 0) > ProvisionRecord.MaxNoteLength)
        {
            throw Rule("provision.tooLong", "項目が長すぎます。", "A field is too long.");
        }

        if (new[] { draft.CounterpartyName, draft.CounterpartyAddress, draft.CounterpartyRepresentative, draft.PersonName, draft.PersonKana, draft.DataItems, draft.Acquisition, draft.Note }
            .Any(JapaneseText.HasInvisibleControls))
        {
            throw Rule("provision.invisible", "目に見えない制御文字（表示の向きを変える文字など）が含まれています。", "A field contains invisible control characters.");
        }
    }

    private static DomainRuleException Rule(string code, string japanese, string english) => new(code, japanese, english);
}
