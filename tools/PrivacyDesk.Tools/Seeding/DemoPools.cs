namespace PrivacyDesk.Tools.Seeding;

/// <summary>
/// Small pools the demo people are drawn from. The names are common Japanese names (so search and the kana rules are
/// exercised as with real members), weighted roughly by how common they are; everything that could reach a real person
/// is visibly fake: addresses end in a デモ building, mail goes to example.jp, phones are in the 090-0000 block and
/// member numbers start with "DEMO".
/// </summary>
internal static class DemoPools
{
    /// <summary>Family names, most common first (picked with a Zipf-like weight), some with small kana in the reading.</summary>
    public static readonly (string Kanji, string Kana)[] FamilyNames =
    [
        ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"), ("伊藤", "イトウ"),
        ("渡辺", "ワタナベ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ"),
        ("吉田", "ヨシダ"), ("山田", "ヤマダ"), ("佐々木", "ササキ"), ("山口", "ヤマグチ"), ("松本", "マツモト"),
        ("井上", "イノウエ"), ("木村", "キムラ"), ("林", "ハヤシ"), ("斎藤", "サイトウ"), ("清水", "シミズ"),
        ("山崎", "ヤマザキ"), ("森", "モリ"), ("池田", "イケダ"), ("橋本", "ハシモト"), ("阿部", "アベ"),
        ("石川", "イシカワ"), ("山下", "ヤマシタ"), ("中島", "ナカジマ"), ("石井", "イシイ"), ("小川", "オガワ"),
        ("前田", "マエダ"), ("岡田", "オカダ"), ("長谷川", "ハセガワ"), ("藤田", "フジタ"), ("後藤", "ゴトウ"),
        ("近藤", "コンドウ"), ("村上", "ムラカミ"), ("遠藤", "エンドウ"), ("青木", "アオキ"), ("坂本", "サカモト"),
        ("城之内", "ジョウノウチ"), ("東海林", "ショウジ"), ("京極", "キョウゴク"), ("百瀬", "モモセ"), ("一条", "イチジョウ"),
        ("内田", "ウチダ"), ("新垣", "アラガキ"), ("比嘉", "ヒガ"), ("服部", "ハットリ"), ("菊池", "キクチ"),
    ];

    public static readonly (string Kanji, string Kana)[] GivenNames =
    [
        ("陽子", "ヨウコ"), ("翔太", "ショウタ"), ("美咲", "ミサキ"), ("健一", "ケンイチ"), ("由美", "ユミ"),
        ("大輔", "ダイスケ"), ("恵", "メグミ"), ("拓也", "タクヤ"), ("直子", "ナオコ"), ("誠", "マコト"),
        ("さくら", "サクラ"), ("隆", "タカシ"), ("裕子", "ユウコ"), ("亮", "リョウ"), ("智子", "トモコ"),
        ("花子", "ハナコ"), ("一郎", "イチロウ"), ("京子", "キョウコ"), ("純一", "ジュンイチ"), ("千尋", "チヒロ"),
        ("優奈", "ユウナ"), ("蓮", "レン"), ("陽菜", "ヒナ"), ("悠真", "ユウマ"), ("結衣", "ユイ"),
        ("大翔", "ヒロト"), ("明美", "アケミ"), ("茂", "シゲル"), ("和子", "カズコ"), ("勝", "マサル"),
        ("美由紀", "ミユキ"), ("修", "オサム"), ("律子", "リツコ"), ("竜也", "タツヤ"), ("紀子", "ノリコ"),
        ("隼人", "ハヤト"), ("舞", "マイ"), ("久美子", "クミコ"), ("秀樹", "ヒデキ"), ("愛", "アイ"),
    ];

    /// <summary>Real postal codes with their prefecture and town, so the address rules see valid data.</summary>
    public static readonly (string Prefecture, string City, string PostalCode)[] Places =
    [
        ("東京都", "新宿区新宿", "160-0022"), ("東京都", "世田谷区三軒茶屋", "154-0024"), ("東京都", "練馬区豊玉北", "176-0012"),
        ("東京都", "町田市原町田", "194-0013"), ("神奈川県", "横浜市港北区日吉", "223-0061"), ("神奈川県", "川崎市中原区小杉町", "211-0063"),
        ("埼玉県", "さいたま市浦和区高砂", "330-0063"), ("埼玉県", "川越市脇田町", "350-1123"), ("千葉県", "千葉市中央区中央", "260-0013"),
        ("千葉県", "船橋市本町", "273-0005"), ("長野県", "松本市中央", "390-0811"), ("北海道", "札幌市中央区北一条西", "060-0001"),
        ("愛知県", "名古屋市中区栄", "460-0008"), ("大阪府", "大阪市北区梅田", "530-0001"), ("山形県", "山形市香澄町", "990-0039"),
        ("静岡県", "静岡市葵区追手町", "420-0853"), ("栃木県", "宇都宮市本町", "320-0033"), ("茨城県", "水戸市三の丸", "310-0011"),
    ];

    public static readonly string[] Buildings = ["デモハイツ", "デモコーポ", "見本荘", "デモレジデンス", "サンプル館"];

    public static readonly string[] Coops =
        ["生活クラブ東京", "生活クラブ神奈川", "生活クラブ埼玉", "生活クラブ千葉", "生活クラブ長野", "生活クラブ北海道", "生活クラブ愛知"];

    public static readonly string[] DisclosureData =
    [
        "共同購入の利用履歴と登録内容", "組合員登録情報（氏名・住所・電話番号）", "共済の加入記録", "問い合わせ窓口への相談記録",
        "第三者提供記録（ご本人の同意による損害保険会社への提供）", "ウェブサイトの会員登録情報",
    ];

    public static readonly (string Data, string Current, string Correct)[] Corrections =
    [
        ("組合員登録の住所", "旧住所（転居前）", "現住所（転居後）"), ("登録電話番号", "03-0000-1111（解約済み）", "090-0000-2222"),
        ("氏名の表記", "旧姓", "婚姻後の氏名"), ("生年月日", "1970年1月1日", "1970年11月1日"),
        ("メールアドレス", "old@example.jp", "new@example.jp"),
    ];

    /// <summary>
    /// What a stop request is about. A third-party provision here is a real one (to an insurer or an energy company with
    /// the member's consent): handing data to a delivery contractor (委託) or sharing it with 共済連 (共同利用, seed §3
    /// ⑥⑦ and the notice's purpose 7) is not provision to a third party (APPI Art. 27(5)), so it is not offered as one.
    /// </summary>
    public static readonly string[] StopData =
        ["案内郵便物の送付先としての利用", "メールマガジン配信への利用", "提携損害保険会社への第三者提供", "アンケート送付への利用", "電力会社への第三者提供"];

    public static readonly string[] DeficiencyReasons =
    [
        "資格確認書の記号・番号がマスキングされていません。マスキングした写しを再送してください。",
        "パスポートには住所の記載がありません。住民票の写しなど、現住所が確認できる書類の写しを添付してください。",
        "本人確認書類の写しが不鮮明で、氏名・住所が確認できません。",
        "請求書の住所と本人確認書類の住所が一致しません。現住所が確認できる書類を添付してください。",
        "委任状に委任者の署名・押印がありません。",
        "戸籍謄本の発行日から3か月を過ぎています。最新のものを送付してください。",
        "個人番号カードの裏面（個人番号）が写っています。表面のみの写しを再送してください。",
    ];

    public static readonly string[] RejectionReasons =
    [
        "再三の依頼にもかかわらず、本人確認書類の再提出がなかったため。",
        "手数料の入金が確認できないまま、お知らせした期限を過ぎたため。",
        "請求者と本人確認書類の人物が一致せず、ご本人からの請求であることが確認できないため。",
    ];

    public static readonly string[] RevisionReasons =
        ["一部開示の範囲を再検討してください。", "理由の記載を具体的にしてください。", "不開示の根拠の選択を見直してください。"];

    public static readonly string[] WithdrawalReasons = ["ご本人から取り下げの連絡がありました。", "電話で解決したため取り下げ。", ""];

    /// <summary>Reasons told to the member (APPI Art. 36) for each outcome that differs from what was asked.</summary>
    public static string Reason(PrivacyDesk.Domain.Decisions.KindOutcome outcome, int pick) => outcome switch
    {
        PrivacyDesk.Domain.Decisions.KindOutcome.PartialDisclosure => Pick(pick,
            "他の組合員の個人情報が含まれる部分を除いて開示します。", "業務上の検討記録は業務の適正な実施に著しい支障を及ぼすおそれがあるため除きました。"),
        PrivacyDesk.Domain.Decisions.KindOutcome.NoDisclosure => Pick(pick,
            "ご本人からの請求であることが確認できなかったため、開示しません。", "開示すると第三者の権利利益を害するおそれがあるため、開示しません。"),
        PrivacyDesk.Domain.Decisions.KindOutcome.NoDataHeld => Pick(pick,
            "ご請求の個人データは当会では保有していません。", "保存期間の経過により既に廃棄しており、保有していません。"),
        PrivacyDesk.Domain.Decisions.KindOutcome.NotDone => Pick(pick,
            "調査の結果、登録内容は事実と一致しており、訂正の必要が認められませんでした。",
            "共同購入の代金決済に必要な情報であり、利用を停止すると契約を履行できないため、代替措置として案内の送付を停止しました。"),
        _ => "",
    };

    /// <summary>What was done, for a correction or stop (KindDecision.Detail).</summary>
    public static string Done(PrivacyDesk.Domain.Requests.RequestKind kind) => kind switch
    {
        PrivacyDesk.Domain.Requests.RequestKind.Correction => "組合員登録の住所を現住所に訂正しました。",
        PrivacyDesk.Domain.Requests.RequestKind.Addition => "連絡先として携帯電話番号を追加しました。",
        PrivacyDesk.Domain.Requests.RequestKind.Deletion => "旧姓の記録を削除しました。",
        PrivacyDesk.Domain.Requests.RequestKind.StopOfUse => "案内郵便物の送付への利用を停止しました。",
        _ => "提携損害保険会社への第三者提供を停止しました。",
    };

    /// <summary>The compiled content of a (demo) disclosure of personal data.</summary>
    public const string DisclosedContent =
        "【見本】保有個人データ：氏名、住所、電話番号、組合員番号、共同購入の利用履歴（直近2年分）";

    /// <summary>
    /// A (demo) provision record: a provision with consent to an insurer. Not a handover to the delivery contractor
    /// (委託) nor to 共済連 (共同利用): neither is a provision to a third party (Art. 27(5)), so neither is recorded.
    /// </summary>
    public const string ProvisionRecordContent =
        "【見本】提供年月日：令和8年4月1日\n提供先：株式会社みらい損害保険（東京都千代田区丸の内1-1-1、代表者 見本 一郎）\n個人データの項目：氏名、住所、電話番号\n根拠：本人の同意";

    /// <summary>What a kind's (demo) decision hands over; the purposes letter falls back to the configured purposes.</summary>
    public static string? ContentFor(PrivacyDesk.Domain.Requests.RequestKind kind) => kind switch
    {
        PrivacyDesk.Domain.Requests.RequestKind.Disclosure => DisclosedContent,
        PrivacyDesk.Domain.Requests.RequestKind.ThirdPartyProvisionRecordDisclosure => ProvisionRecordContent,
        _ => null,
    };

    public static readonly string[] Notes =
    [
        "ご本人に電話で受付の連絡をしました。", "委任状の原本を確認しました。", "振込名義が請求者と異なるため、ご本人に確認済み。",
        "前回の請求（同一内容）との重複ではないことを確認しました。", "開示資料の準備を共同購入部門に依頼しました。",
    ];

    private static string Pick(int pick, params string[] options) => options[pick % options.Length];
}
