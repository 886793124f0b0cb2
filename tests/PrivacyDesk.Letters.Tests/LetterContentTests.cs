using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Letters.Samples;

namespace PrivacyDesk.Letters.Tests;

/// <summary>One engine with the machine's real font for the whole class (loading it is the expensive part).</summary>
public sealed class EngineFixture
{
    public LetterEngine Engine { get; } = LetterEngine.CreateWithPdfSharp(new LetterOptions(), LetterSamples.Settings, AppContext.BaseDirectory);
}

/// <summary>Every letter kind rendered to a real PDF with the real font, its text extracted with PdfPig and checked.</summary>
public sealed class LetterContentTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private const string Date = "令和8年11月30日";

    private string Render(LetterKind kind, out int pages, PrivacyRequest? request = null) =>
        PdfText.Extract(fixture.Engine.Render(kind, request ?? LetterSamples.For(kind), LetterSamples.LetterDate), out pages);

    private string Render(LetterKind kind) => Render(kind, out _);

    [Theory]
    [MemberData(nameof(LetterKindsWithAddress))]
    public void Every_letter_has_the_formal_parts(LetterKind kind)
    {
        var request = LetterSamples.For(kind);
        var text = Render(kind, out _, request);
        var addressee = request.Agent ?? request.Principal;
        Assert.Contains("受付番号PD-2026-000123", text, StringComparison.Ordinal);
        Assert.Contains(Date, text, StringComparison.Ordinal);
        Assert.Contains($"〒{addressee.PostalCode}", text, StringComparison.Ordinal);
        Assert.Contains(PdfText.Compact(addressee.FullAddress), text, StringComparison.Ordinal);
        Assert.Contains(PdfText.Compact(addressee.FullName) + "様", text, StringComparison.Ordinal);
        Assert.Contains("生活クラブ事業連合生活協同組合連合会", text, StringComparison.Ordinal);
        Assert.Contains("総務部", text, StringComparison.Ordinal);
        Assert.Contains("03-5285-1771", text, StringComparison.Ordinal);
        Assert.Contains(PdfText.Compact(LetterKinds.Title(kind).Japanese), text, StringComparison.Ordinal);
        Assert.Contains("記", text, StringComparison.Ordinal);
        Assert.Contains("以上", text, StringComparison.Ordinal);
    }

    /// <summary>Every kind but the receipt, which is a 領収書 and not a letter (no address block, no 記 … 以上).</summary>
    public static TheoryData<LetterKind> LetterKindsWithAddress()
    {
        var data = new TheoryData<LetterKind>();
        foreach (var kind in LetterKinds.All.Where(k => k != LetterKind.Receipt))
        {
            data.Add(kind);
        }

        return data;
    }

    [Fact]
    public void Acknowledgement_names_the_agent_the_principal_the_kinds_and_missing_documents()
    {
        var text = Render(LetterKind.Acknowledgement);
        Assert.Contains("〒180-0004", text, StringComparison.Ordinal);
        Assert.Contains("（山田花子様の任意代理人）", text, StringComparison.Ordinal);
        Assert.Contains("令和8年11月16日", text, StringComparison.Ordinal);
        Assert.Contains("保有個人データの開示", text, StringComparison.Ordinal);
        Assert.Contains("1,000円（1回の請求につき）", text, StringComparison.Ordinal);
        Assert.Contains("委任状", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Delay_notice_gives_the_new_answer_date_and_the_reason()
    {
        var text = Render(LetterKind.DelayNotice);
        Assert.Contains("回答期限延長のお知らせ", text, StringComparison.Ordinal);
        Assert.Contains("変更後の回答予定日令和8年12月14日", text, StringComparison.Ordinal);
        Assert.Contains("各生協への確認に時間を要しているため", text, StringComparison.Ordinal);
        Assert.Contains("令和8年11月16日に受け付けました", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Receipt_gives_the_payer_the_amount_the_proviso_the_dates_in_wareki_and_the_issuer()
    {
        var request = LetterSamples.For(LetterKind.Receipt);
        var text = Render(LetterKind.Receipt, out var pages, request);
        Assert.Equal(1, pages);
        Assert.Contains("領収書", text, StringComparison.Ordinal);
        Assert.Contains("山田花子様", text, StringComparison.Ordinal);
        Assert.Contains("金1,000円也", text, StringComparison.Ordinal);
        Assert.Contains("但し個人情報開示等手数料として", text, StringComparison.Ordinal);
        Assert.Contains("受付番号PD-2026-000123", text, StringComparison.Ordinal);
        Assert.Contains("発行日" + Date, text, StringComparison.Ordinal);
        Assert.Contains("入金日令和8年11月20日", text, StringComparison.Ordinal);
        Assert.Contains("銀行振込", text, StringComparison.Ordinal);
        Assert.Contains("生活クラブ事業連合生活協同組合連合会", text, StringComparison.Ordinal);
        Assert.Contains("東京都新宿区新宿6-24-20", text, StringComparison.Ordinal);
        Assert.DoesNotContain("収入印紙", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_receipt_is_for_the_payment_named_and_never_for_a_refund()
    {
        var request = LetterSamples.For(LetterKind.Receipt);
        var second = new PrivacyDesk.Domain.Fees.FeePayment(2_000, new DateOnly(2026, 11, 25), PrivacyDesk.Domain.Fees.PaymentMethod.CashAtCounter, null,
            LetterSamples.Staff, LetterSamples.ReceivedAt.AddDays(9));
        request.RecordPayment(second);
        var refund = PrivacyDesk.Domain.Fees.FeePayment.Refund(2_000, new DateOnly(2026, 11, 26), PrivacyDesk.Domain.Fees.PaymentMethod.BankTransfer, null,
            LetterSamples.Staff, LetterSamples.ReceivedAt.AddDays(10));
        request.RecordPayment(refund);

        var text = PdfText.Extract(fixture.Engine.Render(LetterKind.Receipt, request, LetterSamples.LetterDate, second.Id), out _);
        Assert.Contains("金2,000円也", text, StringComparison.Ordinal);
        Assert.Contains("入金日令和8年11月25日", text, StringComparison.Ordinal);
        Assert.Contains("窓口（現金）", text, StringComparison.Ordinal);

        Assert.Throws<LetterNotApplicableException>(() => fixture.Engine.Compose(LetterKind.Receipt, request, LetterSamples.LetterDate, refund.Id));
        Assert.Throws<LetterNotApplicableException>(() => fixture.Engine.Compose(LetterKind.Receipt, request, LetterSamples.LetterDate, Guid.NewGuid()));
    }

    [Fact]
    public void Fee_notice_gives_the_amount_the_account_and_that_the_fee_is_owed_without_disclosure()
    {
        var text = Render(LetterKind.FeeNotice);
        Assert.Contains("1,000円", text, StringComparison.Ordinal);
        Assert.Contains("みらい銀行新宿支店普通1234567", text, StringComparison.Ordinal);
        Assert.Contains("セイカツクラブジギョウレンゴウ", text, StringComparison.Ordinal);
        Assert.Contains("「2026000123」", text, StringComparison.Ordinal);
        Assert.Contains("開示しない旨の決定をした場合及び利用目的を通知しない場合についても、所定の事務手数料をいただきます", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Deficiency_letter_quotes_the_recorded_reason_and_lists_the_documents()
    {
        var text = Render(LetterKind.Deficiency);
        Assert.Contains("法定代理権を確認できる書類（戸籍謄本又は成年後見登記事項証明書）が同封されていませんでした", text, StringComparison.Ordinal);
        Assert.Contains("法定代理人の本人確認書類の写し", text, StringComparison.Ordinal);
        Assert.Contains("改めて請求していただくこともできます", text, StringComparison.Ordinal);
        Assert.Contains("苦情", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Purpose_of_use_notice_lists_the_eight_configured_purposes()
    {
        var text = Render(LetterKind.PurposeOfUseNotice);
        Assert.Contains("第32条第2項", text, StringComparison.Ordinal);
        Assert.Contains("事業システム改善のためのアンケート送付・回収", text, StringComparison.Ordinal);
        Assert.Contains("総管理責任者はこの会です", text, StringComparison.Ordinal);
        Assert.Contains("すみやかに適正な方法で廃棄します", text, StringComparison.Ordinal);

        var custom = new LetterEngine(fixture.Engine.Renderer, LetterSamples.Settings with { PurposesOfUse = ["独自の利用目的その一", "独自の利用目的その二"] });
        var customText = PdfText.Extract(custom.Render(LetterKind.PurposeOfUseNotice, LetterSamples.For(LetterKind.PurposeOfUseNotice), LetterSamples.LetterDate));
        Assert.Contains("独自の利用目的その二", customText, StringComparison.Ordinal);
        Assert.DoesNotContain("事業システム改善", customText, StringComparison.Ordinal);
    }

    [Fact]
    public void Partial_disclosure_gives_the_content_the_grounds_and_the_reason()
    {
        var text = Render(LetterKind.DisclosureDecision);
        Assert.Contains("一部を開示することと決定しました", text, StringComparison.Ordinal);
        Assert.Contains("hanako.yamada@example.jp", text, StringComparison.Ordinal);
        Assert.Contains("23,456円", text, StringComparison.Ordinal);
        Assert.Contains(PdfText.Compact(Labels.Ground(NonDisclosureGround.ViolationOfOtherLaw).Japanese), text, StringComparison.Ordinal);
        Assert.Contains("第三者（配送先の近隣の方）に関する記載", text, StringComparison.Ordinal);
        Assert.Contains("書面（郵送）", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_configured_account_the_fee_notice_and_form_say_where_to_ask_and_print_no_placeholder()
    {
        var engine = new LetterEngine(fixture.Engine.Renderer, LetterSamples.Settings with { Bank = null });
        var notice = PdfText.Extract(engine.Render(LetterKind.FeeNotice, LetterSamples.For(LetterKind.FeeNotice), LetterSamples.LetterDate));
        Assert.Contains("振込先の口座を下記の窓口にお問い合わせのうえ", notice, StringComparison.Ordinal);
        Assert.Contains("お問い合わせ窓口（電話03-5285-1771）にお問い合わせください", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("口座名義", notice, StringComparison.Ordinal);

        var form = PdfText.Extract(engine.BlankForm(RequestFamily.Disclosure, LetterSamples.LetterDate));
        Assert.Contains("振込先：お問い合わせ窓口（電話03-5285-1771）にお問い合わせください", form, StringComparison.Ordinal);
        Assert.DoesNotContain("口座名義", form, StringComparison.Ordinal);
    }

    [Fact]
    public void Disclosure_letters_cite_the_co_ops_duty_not_the_members_right()
    {
        // Art. 33(1) is the member's right to ask; the duty to disclose is 33(2), applied to the records by 33(5);
        // the part withheld is notified under 33(3).
        var disclosure = Render(LetterKind.DisclosureDecision);
        Assert.Contains("個人情報の保護に関する法律第33条第2項に基づき", disclosure, StringComparison.Ordinal);
        Assert.Contains("同法第33条第3項に基づき", disclosure, StringComparison.Ordinal);
        Assert.Contains("方針7.(1)", disclosure, StringComparison.Ordinal);
        Assert.Contains("第33条第2項各号", disclosure, StringComparison.Ordinal);
        Assert.DoesNotContain("第33条第1項", disclosure, StringComparison.Ordinal);

        var records = LetterSamples.Decided(RequestFamily.Disclosure,
            [new KindDecision(RequestKind.ThirdPartyProvisionRecordDisclosure, KindOutcome.PartialDisclosure,
                [NonDisclosureGround.SeriousHindranceToBusiness], "提供先の社内手続に関する記載は開示しません。", content: "提供日：2026年4月1日\n提供先：サンプル保険株式会社")]);
        var recordsText = Render(LetterKind.ThirdPartyRecords, out _, records);
        Assert.Contains("第33条第5項において準用する同条第2項に基づき", recordsText, StringComparison.Ordinal);
        Assert.Contains("第33条第5項において準用する同条第3項に基づき", recordsText, StringComparison.Ordinal);
        Assert.Contains("第33条第5項において準用する同条第2項各号", recordsText, StringComparison.Ordinal);
        Assert.DoesNotContain("同条第1項", recordsText, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_disclosure_of_records_cites_article_33_5()
    {
        var text = Render(LetterKind.NonDisclosure);
        Assert.Contains("第32条第3項、第33条第3項及び第33条第5項において準用する同条第3項に基づき", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Full_disclosure_says_so_and_names_no_grounds()
    {
        var request = LetterSamples.Decided(RequestFamily.Disclosure,
            [new KindDecision(RequestKind.Disclosure, KindOutcome.FullDisclosure, null, null, content: "氏名：山田 花子")]);
        var text = Render(LetterKind.DisclosureDecision, out _, request);
        Assert.Contains("全部を開示することと決定しました", text, StringComparison.Ordinal);
        Assert.DoesNotContain("開示しない根拠", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_disclosure_gives_each_ground_and_reason_and_the_right_to_ask_again()
    {
        var text = Render(LetterKind.NonDisclosure);
        Assert.Contains("開示又は通知をしないことと決定しました", text, StringComparison.Ordinal);
        Assert.Contains("第33条第3項", text, StringComparison.Ordinal);
        Assert.Contains(PdfText.Compact(Labels.Ground(NonDisclosureGround.HarmToPersonOrThirdParty).Japanese), text, StringComparison.Ordinal);
        Assert.Contains("開示することでその方の権利利益を害するおそれがあります", text, StringComparison.Ordinal);
        // The sample's records request holds nothing: said of records, not of personal data.
        Assert.Contains("該当する第三者提供記録が存在しません", text, StringComparison.Ordinal);
        Assert.DoesNotContain("該当する保有個人データが存在しません", text, StringComparison.Ordinal);
        Assert.Contains("第三者に提供した記録はありません", text, StringComparison.Ordinal);
        Assert.Contains("所定の事務手数料", text, StringComparison.Ordinal);

        // The identity was accepted, so ④ and the invitation to ask again with other documents are not printed.
        Assert.DoesNotContain(PdfText.Compact(Labels.Ground(NonDisclosureGround.IdentityNotConfirmed).Japanese), text, StringComparison.Ordinal);
        Assert.DoesNotContain("改めて請求していただくことができます", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_purpose_refusal_cites_article_32_3_and_the_article_32_2_exception_with_the_reason()
    {
        const string reason = "ご請求の利用目的は、当会の個人情報保護方針で公表しているとおりです。";
        var request = LetterSamples.Decided(RequestFamily.Disclosure,
            [new KindDecision(RequestKind.PurposeOfUseNotice, KindOutcome.NoDisclosure, [NonDisclosureGround.PurposeAlreadyClear], reason)]);

        var text = Render(LetterKind.NonDisclosure, out _, request);

        Assert.Contains("下記のとおり通知しないことと決定しましたので、個人情報の保護に関する法律第32条第3項に基づき通知いたします", text, StringComparison.Ordinal);
        Assert.Contains("通知しない根拠（個人情報の保護に関する法律第32条第2項各号）", text, StringComparison.Ordinal);
        Assert.Contains(PdfText.Compact("第32条第2項第1号　前項の規定により当該本人が識別される保有個人データの利用目的が明らかな場合"), text, StringComparison.Ordinal);
        Assert.Contains("理由：" + reason, text, StringComparison.Ordinal);
        Assert.DoesNotContain("第33条", text, StringComparison.Ordinal);
        Assert.DoesNotContain(PdfText.Compact(Labels.Ground(NonDisclosureGround.HarmToPersonOrThirdParty).Japanese), text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_purpose_refusal_on_the_state_affairs_exception_prints_its_statutory_words()
    {
        var request = LetterSamples.Decided(RequestFamily.Disclosure,
            [new KindDecision(RequestKind.PurposeOfUseNotice, KindOutcome.NoDisclosure, [NonDisclosureGround.PurposeNoticeHindersStateAffairs], "捜査機関への協力に関わるためです。")]);

        var text = Render(LetterKind.NonDisclosure, out _, request);

        Assert.Contains(PdfText.Compact(Labels.Ground(NonDisclosureGround.PurposeNoticeHindersStateAffairs).Japanese), text, StringComparison.Ordinal);
        Assert.Contains("第21条第4項第3号", text, StringComparison.Ordinal);
        Assert.Contains("当該事務の遂行に支障を及ぼすおそれがあるとき", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_purpose_refusal_stored_on_the_four_grounds_before_the_exceptions_still_prints()
    {
        // A decision stored before the exceptions existed holds ①–④ on the purpose kind. It is no longer accepted on
        // the way in, but what is in the database must still load and print as it was decided.
        var request = LetterSamples.Decided(RequestFamily.Disclosure,
            [new KindDecision(RequestKind.PurposeOfUseNotice, KindOutcome.NoDisclosure, [NonDisclosureGround.PurposeNoticeHarmsCoop], "業務に支障があります。")]);
        typeof(KindDecision).GetProperty(nameof(KindDecision.Grounds))!
            .SetValue(request.Decision!.Outcomes[0], new List<NonDisclosureGround> { NonDisclosureGround.SeriousHindranceToBusiness });

        var text = Render(LetterKind.NonDisclosure, out _, request);

        Assert.Contains("第32条第3項に基づき", text, StringComparison.Ordinal);
        Assert.Contains(PdfText.Compact(Labels.Ground(NonDisclosureGround.SeriousHindranceToBusiness).Japanese), text, StringComparison.Ordinal);
        Assert.Contains("理由：業務に支障があります。", text, StringComparison.Ordinal);
        Assert.DoesNotContain("第32条第2項各号", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Third_party_records_letter_lists_the_records()
    {
        var text = Render(LetterKind.ThirdPartyRecords);
        Assert.Contains("第33条第5項", text, StringComparison.Ordinal);
        Assert.Contains("株式会社サンプル損害保険", text, StringComparison.Ordinal);
        Assert.Contains("代表取締役見本一郎", text, StringComparison.Ordinal);
        Assert.Contains("2026年6月1日から2026年10月31日まで", text, StringComparison.Ordinal);
        Assert.Contains("ご本人の同意", text, StringComparison.Ordinal);
        Assert.Contains("組合員番号12345678", text, StringComparison.Ordinal);
        Assert.Contains("電磁的記録", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Third_party_records_sample_presents_no_entrustment_or_joint_use_as_a_provision()
    {
        // Art. 27(5): a contractor (委託) and a joint user (共同利用, 共済連) are not third parties, so no Art. 29 record.
        var records = LetterSamples.ThirdPartyContent.Split('\n')
            .Select(line => line.Split('\t', 2))
            .ToArray();
        Assert.All(records, r => Assert.Equal(2, r.Length));
        var provisions = records.Where(r => r[0] != "記録のないもの").ToArray();
        var recipients = provisions.Where(r => r[0] == "提供先").Select(r => r[1]).ToArray();
        var bases = provisions.Where(r => r[0] == "根拠").Select(r => r[1]).ToArray();
        Assert.Equal(2, recipients.Length);
        Assert.Equal(recipients.Length, bases.Length);
        Assert.Equal(recipients.Length, provisions.Count(r => r[0] is "提供年月日" or "提供期間"));
        Assert.Equal(recipients.Length, provisions.Count(r => r[0] == "提供した項目"));
        Assert.Equal(recipients.Length, provisions.Count(r => r[0] == "本人"));
        foreach (var word in new[] { "委託", "共同利用", "共済", "物流", "第27条第5項", "同条第5項" })
        {
            Assert.DoesNotContain(provisions, r => r[1].Contains(word, StringComparison.Ordinal));
        }

        Assert.All(bases, b => Assert.Contains("同意", b, StringComparison.Ordinal));

        // Where the letter mentions them, it says they are not provisions.
        var text = Render(LetterKind.ThirdPartyRecords);
        Assert.Contains("共同利用（同項第3号）は、第三者への提供に当たらないため、記録はありません", text, StringComparison.Ordinal);
        Assert.DoesNotContain("根拠業務委託", text, StringComparison.Ordinal);
        Assert.DoesNotContain("提供先生活クラブ共済", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Correction_result_says_what_was_corrected_and_why_a_deletion_was_not_made()
    {
        var text = Render(LetterKind.CorrectionResult);
        Assert.Contains("第34条第3項", text, StringComparison.Ordinal);
        Assert.Contains("訂正を行いました", text, StringComparison.Ordinal);
        Assert.Contains("メゾン阿佐谷201」に訂正しました", text, StringComparison.Ordinal);
        Assert.Contains("削除を行いません", text, StringComparison.Ordinal);
        Assert.Contains("理由：旧住所は、出資金の払込み記録として", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Stop_use_result_gives_what_was_stopped_and_the_reason_for_what_was_not()
    {
        var text = Render(LetterKind.StopUseResult);
        Assert.Contains("第35条", text, StringComparison.Ordinal);
        Assert.Contains("同条第7項", text, StringComparison.Ordinal);
        Assert.Contains("利用する必要がなくなった", text, StringComparison.Ordinal);
        Assert.Contains("令和8年11月25日に停止しました", text, StringComparison.Ordinal);
        Assert.Contains("共同利用（利用目的7）は第三者提供に当たりません", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Cover_letter_lists_what_is_enclosed()
    {
        var text = Render(LetterKind.CoverLetter);
        Assert.Contains("拝啓", text, StringComparison.Ordinal);
        Assert.Contains("敬具", text, StringComparison.Ordinal);
        Assert.Contains("保有個人データ開示決定通知書", text, StringComparison.Ordinal);
        Assert.Contains("一式", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Western_dates_are_an_option()
    {
        var engine = new LetterEngine(fixture.Engine.Renderer, LetterSamples.Settings with { DateStyle = LetterDateStyle.Both });
        var text = PdfText.Extract(engine.Render(LetterKind.Acknowledgement, LetterSamples.For(LetterKind.Acknowledgement), LetterSamples.LetterDate));
        Assert.Contains("令和8年11月30日（2026年11月30日）", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_letter_runs_onto_more_pages_with_page_numbers_and_a_table_that_continues()
    {
        var content = string.Join("\n", Enumerable.Range(1, 120).Select(i => $"利用履歴{i:D3}：2026年の注文番号 ORDER-{i:D6} の明細（消費材名・数量・金額）"));
        var request = LetterSamples.Decided(RequestFamily.Disclosure,
            [new KindDecision(RequestKind.Disclosure, KindOutcome.FullDisclosure, null, null, content: content)]);
        var text = Render(LetterKind.DisclosureDecision, out var pages, request);
        Assert.True(pages >= 3, $"expected several pages, got {pages}");
        Assert.Contains($"1/{pages}", text, StringComparison.Ordinal);
        Assert.Contains($"{pages}/{pages}", text, StringComparison.Ordinal);
        Assert.Contains("ORDER-000001", text, StringComparison.Ordinal);
        Assert.Contains("ORDER-000120", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_page_letter_has_no_page_number()
    {
        var text = Render(LetterKind.FeeNotice, out var pages);
        Assert.Equal(1, pages);
        Assert.DoesNotContain("1/1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_letter_without_a_decision_is_refused_clearly()
    {
        var request = LetterSamples.For(LetterKind.Acknowledgement);
        Assert.Throws<LetterNotApplicableException>(() => fixture.Engine.Render(LetterKind.NonDisclosure, request, LetterSamples.LetterDate));
        Assert.Throws<LetterNotApplicableException>(() => fixture.Engine.Render(LetterKind.Deficiency, request, LetterSamples.LetterDate));
    }

    [Theory]
    [InlineData(RequestFamily.Disclosure, "利用目的の通知・開示等の請求書", "第三者提供記録の開示")]
    [InlineData(RequestFamily.Correction, "訂正・追加・削除の請求書", "正しい内容（訂正後・追加する内容）")]
    [InlineData(RequestFamily.StopUse, "利用停止・第三者提供停止の請求書", "漏えい等の事案が生じた")]
    public void Blank_forms_carry_the_fields_the_documents_and_the_address(RequestFamily family, string title, string familyField)
    {
        var text = PdfText.Extract(fixture.Engine.BlankForm(family, LetterSamples.LetterDate), out var pages);
        Assert.Equal(2, pages); // one sheet printed on both sides
        Assert.Contains(title, text, StringComparison.Ordinal);
        Assert.Contains("請求者の署名（自署）", text, StringComparison.Ordinal);
        Assert.Contains(PdfText.Compact(familyField), text, StringComparison.Ordinal);
        foreach (var field in new[] { "氏名（必須）", "フリガナ（必須）", "生年月日", "電話番号", "メールアドレス", "対象となる個人情報（必須）", "請求者の区分" })
        {
            Assert.Contains(field, text, StringComparison.Ordinal);
        }

        Assert.Contains("委任状", text, StringComparison.Ordinal);
        Assert.Contains("戸籍謄本又は成年後見登記事項証明書", text, StringComparison.Ordinal);
        Assert.Contains("〒160-0022東京都新宿区新宿6-24-20（5F）", text, StringComparison.Ordinal);
        Assert.Equal(family == RequestFamily.Disclosure, text.Contains("1,000円", StringComparison.Ordinal));
        Assert.Same(fixture.Engine.BlankForm(family, LetterSamples.LetterDate), fixture.Engine.BlankForm(family, LetterSamples.LetterDate));
    }

    [Fact]
    public void Blank_forms_and_the_deficiency_letter_list_the_ID_documents_accepted_on_their_date()
    {
        // The default list (ADR 0021): on 30 Nov 2026 the insurance card has lapsed, the 資格確認書 is taken with the same
        // masking, and a passport needs a proof of address.
        foreach (var text in new[] { PdfText.Extract(fixture.Engine.BlankForm(RequestFamily.Disclosure, LetterSamples.LetterDate)), Render(LetterKind.Deficiency) })
        {
            Assert.Contains(PdfText.Compact("個人番号カード（表面）、運転免許証、資格確認書、パスポートのいずれか一つ"), text, StringComparison.Ordinal);
            Assert.DoesNotContain(PdfText.Compact("健康保険被保険者証、"), text, StringComparison.Ordinal);
            Assert.Contains(PdfText.Compact("資格確認書は、保険者番号・記号・番号を見えないようにして（マスキングして）ください"), text, StringComparison.Ordinal);
            Assert.Contains(PdfText.Compact("パスポートには住所の記載がないため、住所を確認できる書類（住民票の写し、公共料金の領収書のいずれか一つ、発行から3か月以内のもの）"), text, StringComparison.Ordinal);
            Assert.Contains(PdfText.Compact("健康保険被保険者証は令和7年12月1日で有効期限が切れたため、本人確認書類として受け付けられません"), text, StringComparison.Ordinal);
        }

        // A day the card was still valid: listed, and no lapse note.
        var before = PdfText.Extract(fixture.Engine.BlankForm(RequestFamily.Correction, new DateOnly(2025, 11, 1)));
        Assert.Contains(PdfText.Compact("運転免許証、健康保険被保険者証、資格確認書、パスポートのいずれか一つ"), before, StringComparison.Ordinal);
        Assert.DoesNotContain("有効期限が切れた", before, StringComparison.Ordinal);
    }
}
