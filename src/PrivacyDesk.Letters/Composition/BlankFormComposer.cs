using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters.Layout;

namespace PrivacyDesk.Letters.Composition;

/// <summary>
/// The co-op's own request forms (所定の請求書, seed §7(4)ア), one per family, for members who apply by post. The
/// fields are those of the online form (Pages/Requests/Form), so that staff key a posted form in field by field.
/// </summary>
public sealed class BlankFormComposer(LetterSettings settings)
{
    private const double WriteRow = 24;
    private const string Box = "□";

    /// <summary>The form of <paramref name="family"/>, listing the ID documents accepted on <paramref name="asOf"/>.</summary>
    public LetterDocument Compose(RequestFamily family, DateOnly asOf)
    {
        var sender = settings.Sender;
        var title = $"{Labels.Family(family).Japanese}書";
        var document = new LetterDocument(title);
        document
            .Text("請求日　　　　年　　月　　日", align: TextAlign.Right)
            // The address the form is sent to heads it (as on an envelope), so that the form stays on two sheets.
            .Text($"〒{sender.PostalCode} {sender.Address}", TextStyle.Small)
            .Text($"{sender.Name} {sender.Department} 御中")
            .Space(6)
            .Add(new Paragraph(title, TextStyle.Title, TextAlign.Center))
            .Text("　個人情報の保護に関する法律及び貴会の個人情報保護方針に基づき、次のとおり請求します。", TextStyle.Small)
            .Text("　該当する□に✓を付け、枠内をご記入ください。「必須」の欄は必ずご記入ください。", TextStyle.Small)
            .Space(4);

        Section(document, "請求の種類（必須・複数選択可）");
        document.Add(new Table([1], null,
            [[string.Join("　", RequestKinds.Of(family).Select(k => $"{Box} {Labels.Kind(k).Japanese}"))]]));

        Section(document, "請求者の区分（必須）");
        document.Add(new Table([1], null,
            [[string.Join("　", Enum.GetValues<RequesterType>().Select(t => $"{Box} {Labels.RequesterType(t).Japanese}"))]]));

        Section(document, "ご本人（請求の対象となる方）");
        PersonTable(document, principal: true);
        Section(document, "代理人（任意代理人・法定代理人による請求の場合のみ）");
        PersonTable(document, principal: false);

        Section(document, "請求の内容");
        var rows = new List<IReadOnlyList<string>> { Row("対象となる個人情報（必須）\n例：共同購入の利用履歴、組合員登録の内容") };
        switch (family)
        {
            case RequestFamily.Disclosure:
                rows.Add(["開示の方法（必須）", $"{Box} 書面（郵送）　{Box} 電磁的記録（状況確認ページからダウンロード。メールアドレスが必要です）"]);
                rows.Add(["手数料", $"{LetterSettings.Yen(settings.DisclosureFeeYen)}（1回の請求につき）。不開示・利用目的の非通知の場合も所定の手数料をいただきます。\n" +
                    (settings.Bank is { } bank ? $"振込先：{bank.OneLine} 口座名義：{bank.AccountHolder}" : $"振込先：{settings.AskForTheAccount}")]);
                break;
            case RequestFamily.Correction:
                rows.Add(Row("現在の内容（訂正・削除を求める内容）\n「訂正」「削除」の場合は必須"));
                rows.Add(Row("正しい内容（訂正後・追加する内容）\n「訂正」「追加」の場合は必須"));
                break;
            case RequestFamily.StopUse:
                rows.Add(["利用停止等を求める理由（必須・複数選択可）",
                    string.Join("\n", Enum.GetValues<StopUseGround>().Select(g => $"{Box} {Labels.StopGround(g).Japanese}"))]);
                rows.Add(Row("理由の詳細（任意）"));
                break;
        }

        document.Add(new Table([1, 2.6], null, rows, MinRowHeight: 3 * WriteRow, FirstColumnIsLabel: true));

        Section(document, "同封していただく書類（写し）");
        // The accepted IDs are named once (the list is long), so that the form stays on one sheet.
        document.Add(new Paragraph($"本人確認書類は、{settings.Catalogue.NamesOn(asOf).Japanese}のいずれか一つです。", TextStyle.Small, HangingPrefix: "※"));
        foreach (var type in Enum.GetValues<RequesterType>())
        {
            document.Add(new Paragraph($"■ {Labels.RequesterType(type).Japanese}による請求の場合", TextStyle.Small, KeepWithNext: true));
            foreach (var requirement in DocumentRequirements.For(type, settings.Catalogue, asOf))
            {
                var text = requirement.Role switch
                {
                    DocumentRole.PrincipalIdentity => "ご本人の本人確認書類の写し",
                    DocumentRole.AgentIdentity => $"{Labels.RequesterType(type).Japanese}の本人確認書類の写し",
                    _ => requirement.Description.Japanese,
                };
                document.Add(new Paragraph(text, TextStyle.Small, Indent: 12, HangingPrefix: "・"));
            }
        }

        foreach (var note in settings.Catalogue.PaperNotes(asOf))
        {
            document.Add(new Paragraph(note, TextStyle.Small, HangingPrefix: "※"));
        }
        document.Add(new Paragraph($"法定代理人の場合、戸籍謄本・成年後見登記事項証明書は発行日から{settings.RelationshipDocumentMaxAgeMonths}か月以内のものをお送りください。発行日をご記入ください：　　　　年　　月　　日", TextStyle.Small, HangingPrefix: "※"));
        document.Add(new Paragraph(
            "任意代理人の場合、委任状はご本人が自署したものをお送りください" +
            (string.IsNullOrWhiteSpace(settings.PowerOfAttorneyUrl) ? "。" : $"（当会のひな形：{settings.PowerOfAttorneyUrl}）。"),
            TextStyle.Small, HangingPrefix: "※"));

        document.Space(6).Text($"{Box} 記載内容に誤りがないことを確認し、この請求への対応のために個人情報が利用されることに同意します。", TextStyle.Small);

        // The request is the requester's own declaration: signed by whoever sends it, the person or the agent.
        document.Space(4).Add(new Table([1, 2.6], null,
            [Row("請求者の署名（自署）\nご本人又は代理人")], MinRowHeight: 1.5 * WriteRow, FirstColumnIsLabel: true));

        document.Space(4).Text(
            $"この請求書に本人確認書類等の写しを同封のうえ、上記の宛先へご郵送ください。お問い合わせ：電話 {sender.Phone}（{sender.ReceptionHours}）",
            TextStyle.Small);
        return document;
    }

    /// <summary>
    /// The co-op's 委任状 template: the person (委任者) appoints the agent (受任者) for the requests ticked and,
    /// optionally, for receiving the answer. Signed by the person; sent with the request and both IDs.
    /// </summary>
    public LetterDocument ComposePowerOfAttorney()
    {
        var sender = settings.Sender;
        var document = new LetterDocument("委任状");
        document
            .Text("　　　　年　　月　　日", align: TextAlign.Right)
            .Text($"{sender.Name} {sender.Department} 御中")
            .Space(6)
            .Add(new Paragraph("委任状", TextStyle.Title, TextAlign.Center))
            .Space(4);

        Section(document, "代理人（受任者）");
        document.Add(new Table([1, 2.6], null,
        [
            Row("氏名"),
            Row("フリガナ"),
            Pair("住所", "〒　　　－\n"),
            Row("電話番号"),
        ], MinRowHeight: WriteRow, FirstColumnIsLabel: true));

        document.Space(4).Text("　私は、上記の者を代理人と定め、次の事項を委任します。");
        Section(document, "委任する事項");
        // One line per family, so that a box never parts from its label at a line end.
        var kinds = Enum.GetValues<RequestFamily>()
            .Select(f => string.Join("　", RequestKinds.Of(f).Select(k => $"{Box} {Labels.Kind(k).Japanese}")));
        document.Add(new Table([1], null,
        [
            [$"1. {sender.Name}が保有する私の個人情報について、次の請求を行うこと（該当する□に✓を付けてください）\n{string.Join("\n", kinds)}"],
            [$"2. 上記の請求に係る通知・開示等を受領すること\n{Box} 委任する　{Box} 委任しない（結果はご本人あてにお送りします）"],
            ["3. 上記の請求の取下げ、及び当会からの問い合わせに応じること"],
        ]));

        Section(document, "ご本人（委任者）");
        document.Add(new Table([1, 2.6], null,
        [
            Row("氏名（自署）"),
            Row("フリガナ"),
            Pair("生年月日", "　　　　　年　　　月　　　日"),
            Pair("住所", "〒　　　－\n"),
            Row("電話番号"),
        ], MinRowHeight: WriteRow, FirstColumnIsLabel: true));

        document.Space(4);
        foreach (var note in new[]
        {
            "委任状は、ご本人が自署してください。ご本人以外の方が記入したものは受け付けられません。",
            "請求書に、この委任状、ご本人の本人確認書類の写し及び代理人の本人確認書類の写しを同封してください。",
            "委任の事実を確認するため、当会からご本人に連絡することがあります。",
        })
        {
            document.Add(new Paragraph(note, TextStyle.Small, HangingPrefix: "※"));
        }

        return document;
    }

    private static IReadOnlyList<string> Row(string label) => [label, string.Empty];

    private static IReadOnlyList<string> Pair(string label, string value) => [label, value];

    private static void Section(LetterDocument document, string title) =>
        document.Space(4).Add(new Paragraph(title, TextStyle.Heading, KeepWithNext: true));

    private static void PersonTable(LetterDocument document, bool principal)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            Row(principal ? "氏名（必須）" : "氏名"),
            Row(principal ? "フリガナ（必須）" : "フリガナ"),
            Pair("生年月日" + (principal ? "（必須）" : string.Empty), "　　　　　年　　　月　　　日"),
            Pair("住所" + (principal ? "（必須）" : string.Empty), "〒　　　－\n"),
            Row("電話番号" + (principal ? "（必須）" : string.Empty)),
            Row("メールアドレス（電磁的記録による開示・メールでのお知らせを希望する場合）"),
        };
        if (principal)
        {
            rows.Add(Row("組合員番号・所属生協（組合員の方）"));
        }

        document.Add(new Table([1, 2.6], null, rows, MinRowHeight: WriteRow, FirstColumnIsLabel: true));
    }
}
