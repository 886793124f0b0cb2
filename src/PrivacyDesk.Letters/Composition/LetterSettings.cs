using System.Globalization;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Letters.Composition;

/// <summary>Who sends the letters: the co-op's 総務部, from configuration (the web app's Organization section).</summary>
public sealed record LetterSender(
    string Name,
    string Department,
    string PostalCode,
    string Address,
    string Phone,
    string? Email,
    string ReceptionHours);

/// <summary>The account for the fee transfer (null in <see cref="LetterSettings"/> while the co-op has configured none).</summary>
public sealed record FeeAccount(string BankName, string BranchName, string AccountType, string AccountNumber, string AccountHolder)
{
    public string OneLine => $"{BankName} {BranchName} {AccountType} {AccountNumber}";
}

/// <summary>
/// Everything a letter needs besides the request itself. <paramref name="RelationshipDocumentMaxAgeMonths"/> is how recent
/// a 戸籍謄本 or 登記事項証明書 must be; <paramref name="PowerOfAttorneyUrl"/> is where the 委任状 template downloads
/// (printed on the blank forms when set); <paramref name="IdentityDocuments"/> the accepted ID documents.
/// </summary>
public sealed record LetterSettings(
    LetterSender Sender,
    FeeAccount? Bank,
    int DisclosureFeeYen,
    IReadOnlyList<string> PurposesOfUse,
    LetterDateStyle DateStyle,
    string StatusPageUrl,
    int RelationshipDocumentMaxAgeMonths = 3,
    string? PowerOfAttorneyUrl = null,
    IdentityDocumentCatalogue? IdentityDocuments = null)
{
    /// <summary>The accepted ID documents the forms and letters list (the configured catalogue, else the default).</summary>
    public IdentityDocumentCatalogue Catalogue => IdentityDocuments ?? IdentityDocumentCatalogue.Default;

    public string FormatDate(DateOnly date) => DateStyle switch
    {
        LetterDateStyle.Western => Western(date),
        LetterDateStyle.Both => $"{JapaneseText.ToWareki(date)}（{Western(date)}）",
        _ => JapaneseText.ToWareki(date),
    };

    /// <summary>What a letter says where the fee account would be, while none is configured (<see cref="Bank"/> is null).</summary>
    public string AskForTheAccount => $"お問い合わせ窓口（電話 {Sender.Phone}）にお問い合わせください。";

    public static string Yen(int amount) => amount.ToString("N0", CultureInfo.InvariantCulture) + "円";

    private static string Western(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");
}

/// <summary>The co-op's purposes of use (「個人情報の利用目的および共同利用等についてのお知らせ」), the content of a 利用目的の通知.</summary>
public static class PurposesOfUse
{
    public static IReadOnlyList<string> Default { get; } =
    [
        "定款に定められた事業の利用、案内、連絡、受発注、請求、利用代金決済、事故・クレーム等緊急の連絡対応、及びこれに付随する業務。" +
        "(1) 会員の事業に必要な物資を購入し、これに加工もしくは加工しないで会員に提供する事業、" +
        "(2) 会員及びこの会の役職員のこの会の事業に関する知識の向上を図る事業、" +
        "(3) 会員及び会員の構成員たる組合員の生活の改善及び文化の向上を図る事業、(4) 前各号の事業に付帯する事業",
        "消費材に関する活動（消費材開発、再開発、利用分析）に関連した利用アンケート、キャンペーン・イベント及び市場調査・購買動向に関する資料の送付・回収の確認。消費材情報や注文の電子メール等によるお知らせ。",
        "新規組合員募集、この会とこの会の会員である各生協（以下「会員」といいます。）の機関運営を円滑に進めるために、活動や事業に関わる情報の提供。",
        "事業システム改善のためのアンケート送付・回収。",
        "この会および会員、生活クラブ共済事業連合生活協同組合連合会（以下「生活クラブ共済連」といいます）の活動と事業の案内。",
        "共済・保険・福祉関連事業等における各種手続き等の代行。",
        "この会および会員、生活クラブ共済連における共同利用。上記1～6の利用目的に従って、会員が保有・利用する組合員の個人データ（組合員番号・住所・氏名・生年月日・電話番号・e-mailアドレス）をこの会、会員および生活クラブ共済連で共同利用します。" +
        "共同利用に関する組合員個人情報データの総管理責任者はこの会です。なお、共同利用を行う団体以外に業務を委託する際、組合員個人情報を提供する場合がありますが、その場合も上記1～6の利用目的の範囲とします。",
        "組合員個人情報の保管については、出資金の点検、経理上の必要と法律上定められた期間、利用消費材の事故・クレームに対応する期間、安全性・正確性に留意し、使用期間の過ぎた個人情報については、すみやかに適正な方法で廃棄します。",
    ];

    public static IReadOnlyList<string> From(string[]? configured) =>
        configured is { Length: > 0 } ? configured.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).ToArray() : Default;
}
