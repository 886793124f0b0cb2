using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters.Composition;

namespace PrivacyDesk.Letters.Samples;

/// <summary>
/// Fictitious requests, built through the domain, that reach every letter kind: for the pictures in docs/letters, the
/// CI renderings, the benchmark and the tests. Names and addresses are invented.
/// </summary>
public static class LetterSamples
{
    public static readonly DateTimeOffset ReceivedAt = new(2026, 11, 16, 1, 30, 0, TimeSpan.Zero);
    public static readonly DateOnly LetterDate = new(2026, 11, 30);
    public const string Staff = "staff-sample";
    public const string DefaultReference = "PD-2026-000123";
    public const string Supervisor = "supervisor-sample";

    public static LetterSettings Settings { get; } = new(
        new LetterSender("生活クラブ事業連合生活協同組合連合会", "総務部", "160-0022", "東京都新宿区新宿6-24-20（5F）", "03-5285-1771",
            "privacy@example.coop", "平日 9:00〜17:00（土日祝日・年末年始を除く）"),
        new FeeAccount("みらい銀行", "新宿支店", "普通", "1234567", "セイカツクラブジギョウレンゴウセイカツキョウドウクミアイレンゴウカイ"),
        1_000,
        PurposesOfUse.Default,
        LetterDateStyle.Wareki,
        "https://privacy.example.coop/requests/status",
        3,
        "https://privacy.example.coop/forms/power-of-attorney.pdf");

    /// <summary>A request in a status where <paramref name="kind"/> applies, with a decision where it needs one.</summary>
    public static PrivacyRequest For(LetterKind kind, string reference = DefaultReference, bool approve = true) => kind switch
    {
        LetterKind.Acknowledgement => NewRequest(RequestFamily.Disclosure, [RequestKind.Disclosure], RequesterType.VoluntaryAgent, reference: reference),
        LetterKind.StatusCodeNotice => NewRequest(RequestFamily.Correction, [RequestKind.Correction], reference: reference),
        LetterKind.FeeNotice => Identified(NewRequest(RequestFamily.Disclosure, [RequestKind.Disclosure, RequestKind.PurposeOfUseNotice], reference: reference)),
        LetterKind.Deficiency => Returned(NewRequest(RequestFamily.Disclosure, [RequestKind.Disclosure], RequesterType.LegalRepresentative, reference: reference)),
        LetterKind.PurposeOfUseNotice => Decided(RequestFamily.Disclosure,
            [new KindDecision(RequestKind.PurposeOfUseNotice, KindOutcome.FullDisclosure, null, null)], reference: reference, approve: approve),
        LetterKind.DisclosureDecision => Decided(RequestFamily.Disclosure,
            [new KindDecision(RequestKind.Disclosure, KindOutcome.PartialDisclosure, [NonDisclosureGround.ViolationOfOtherLaw],
                "配送担当者の業務日誌のうち第三者（配送先の近隣の方）に関する記載は、その方の個人情報を含むため開示しません。", content: DisclosedContent)],
            DeliveryMethod.Post, reference, approve),
        // Ground ④ is not in the sample: the identity was accepted, and an identity that cannot be confirmed is a
        // rejection, not a decision (DecisionRules.EnsureIdentityGroundFits).
        LetterKind.NonDisclosure => Decided(RequestFamily.Disclosure,
            [
                new KindDecision(RequestKind.PurposeOfUseNotice, KindOutcome.NoDisclosure, [NonDisclosureGround.PurposeAlreadyClear],
                    "ご請求の保有個人データの利用目的は、当会の個人情報保護方針（当会ウェブサイト及び組合員加入時のご案内）で公表しているとおりです。"),
                new KindDecision(RequestKind.Disclosure, KindOutcome.NoDisclosure, [NonDisclosureGround.HarmToPersonOrThirdParty],
                    "ご請求の記録は配送先の近隣の方からのお申し出の内容そのものであり、開示することでその方の権利利益を害するおそれがあります。"),
                new KindDecision(RequestKind.ThirdPartyProvisionRecordDisclosure, KindOutcome.NoDataHeld, null,
                    "ご本人に関する個人データを第三者に提供した記録はありません。"),
            ], reference: reference, approve: approve),
        LetterKind.ThirdPartyRecords => Decided(RequestFamily.Disclosure,
            [new KindDecision(RequestKind.ThirdPartyProvisionRecordDisclosure, KindOutcome.FullDisclosure, null, null, content: ThirdPartyContent)],
            DeliveryMethod.Electronic, reference, approve),
        LetterKind.CorrectionResult => Decided(RequestFamily.Correction,
            [
                new KindDecision(RequestKind.Correction, KindOutcome.Done, null, null,
                    "組合員登録の住所を「東京都杉並区阿佐谷北1-2-3」から「東京都杉並区阿佐谷南4-5-6 メゾン阿佐谷201」に訂正しました（令和8年11月25日）。"),
                new KindDecision(RequestKind.Deletion, KindOutcome.NotDone, null,
                    "旧住所は、出資金の払込み記録として法令上保存が義務付けられている期間内であるため、削除できません。利用は保存の目的に限ります。"),
            ], reference: reference, approve: approve),
        LetterKind.StopUseResult => Decided(RequestFamily.StopUse,
            [
                new KindDecision(RequestKind.StopOfUse, KindOutcome.Done, null, null,
                    "消費材カタログ及びキャンペーンのご案内（利用目的2・5）への利用を令和8年11月25日に停止しました。"),
                new KindDecision(RequestKind.StopOfThirdPartyProvision, KindOutcome.NotDone, null,
                    "ご本人の個人データを第三者に提供している事実はありません。共同利用（利用目的7）は第三者提供に当たりません。"),
            ], reference: reference, approve: approve),
        LetterKind.CoverLetter => Decided(RequestFamily.Disclosure,
            [new KindDecision(RequestKind.Disclosure, KindOutcome.FullDisclosure, null, null, content: DisclosedContent)], DeliveryMethod.Post, reference, approve),
        // Paid, so the receipt is for the payment Decided records.
        LetterKind.Receipt => Decided(RequestFamily.Disclosure,
            [new KindDecision(RequestKind.Disclosure, KindOutcome.FullDisclosure, null, null, content: DisclosedContent)], DeliveryMethod.Electronic, reference, approve),
        LetterKind.DelayNotice => Extended(Identified(NewRequest(RequestFamily.Correction, [RequestKind.Correction], reference: reference))),
        LetterKind.RejectionNotice => Rejected(NewRequest(RequestFamily.Disclosure, [RequestKind.Disclosure], reference: reference)),
        LetterKind.WithdrawalConfirmation => Withdrawn(NewRequest(RequestFamily.Correction, [RequestKind.Correction], reference: reference)),
        LetterKind.Reminder => Reminded(Identified(NewRequest(RequestFamily.Disclosure, [RequestKind.Disclosure], reference: reference)), 1),
        LetterKind.AbandonmentNotice => Abandoned(Identified(NewRequest(RequestFamily.Disclosure, [RequestKind.Disclosure], reference: reference))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Rejected: the ID sent did not match the request and no other came (ADR 0023).</summary>
    private static PrivacyRequest Rejected(PrivacyRequest request)
    {
        request.Reject("ご提出の本人確認書類の氏名・住所が請求書の記載と一致せず、再度のご案内後も確認できる書類のご提出がありませんでした。",
            Staff, ReceivedAt.AddDays(12), Domain.Closing.RejectionGround.IdentityNotConfirmed);
        return request;
    }

    /// <summary>The member withdrew on the status page, saying why.</summary>
    private static PrivacyRequest Withdrawn(PrivacyRequest request)
    {
        request.Withdraw(PrivacyRequest.MemberActor, ReceivedAt.AddDays(3), "組合員センターへの電話で住所の変更が済んだため。");
        return request;
    }

    /// <summary>Waiting for the fee since the ID was accepted; <paramref name="reminders"/> reminders sent (at the default settings).</summary>
    private static PrivacyRequest Reminded(PrivacyRequest request, int reminders)
    {
        var settings = Domain.Closing.ReminderSettings.Default;
        for (var step = 1; step <= reminders; step++)
        {
            var at = ReceivedAt.AddDays(12 + step);
            request.RecordReminder((Domain.Closing.ReminderStep)step, Domain.Closing.ReminderSchedule.ClosesOn(request, (Domain.Closing.ReminderStep)step, at, settings), at);
        }

        return request;
    }

    /// <summary>Closed after two reminders; the steps are squeezed before the sample's letter date, as short settings would.</summary>
    private static PrivacyRequest Abandoned(PrivacyRequest request)
    {
        var settings = new Domain.Closing.ReminderSettings(3, 6, 12);
        request.RecordReminder(Domain.Closing.ReminderStep.FirstReminder, new DateOnly(2026, 11, 29), ReceivedAt.AddDays(4));
        request.RecordReminder(Domain.Closing.ReminderStep.SecondReminder,
            Domain.Closing.ReminderSchedule.ClosesOn(request, Domain.Closing.ReminderStep.SecondReminder, ReceivedAt.AddDays(7), settings), ReceivedAt.AddDays(7));
        request.Abandon(ReceivedAt.AddDays(14));
        return request;
    }

    /// <summary>Staff moved the answer date of a request in review two weeks later, with the reason the member reads.</summary>
    private static PrivacyRequest Extended(PrivacyRequest request)
    {
        request.ExtendDeadline(new DateOnly(2026, 12, 14),
            "ご請求の住所の履歴が複数の会員生協の記録にまたがっており、各生協への確認に時間を要しているため。", Staff, ReceivedAt.AddDays(10));
        return request;
    }

    public const string DisclosedContent =
        "組合員番号：12345678\n氏名：山田 花子\nフリガナ：ヤマダ ハナコ\n住所：〒167-0001 東京都杉並区阿佐谷北1-2-3\n電話番号：090-1234-5678\n" +
        "メールアドレス：hanako.yamada@example.jp\n所属生協：生活クラブ東京\n加入日：2015年4月1日\n" +
        "共同購入の利用履歴：2026年10月分 12件（合計 23,456円）、2026年9月分 10件（合計 19,870円）\n" +
        "お問い合わせ記録：2026年8月3日 配送時間の変更のご依頼（受付番号 PD-2026-000045 とは別件）";

    /// <summary>
    /// Two provisions with the member's consent, each with what an Art. 29 record holds (施行規則第20条): the date or
    /// period, the recipient (name, address, representative), the person, the items and the basis. A handover to a
    /// contractor (委託) or to a joint user such as 共済連 (共同利用) is not a third-party provision (Art. 27(5)(i)
    /// and (iii)) and has no record, and a provision under an Art. 27(1) exception needs none (Art. 29(1) proviso):
    /// the last line says so instead of listing them.
    /// </summary>
    public const string ThirdPartyContent =
        "提供年月日\t2026年4月10日\n" +
        "提供先\t株式会社サンプル損害保険（東京都千代田区丸の内1-2-3、代表取締役 見本 一郎）\n" +
        "本人\t山田 花子（ヤマダ ハナコ、組合員番号12345678、1980年4月1日生）\n" +
        "提供した項目\t氏名、フリガナ、生年月日、住所、電話番号\n" +
        "根拠\tご本人の同意（2026年3月28日 自転車保険の団体契約加入申込書により同意。個人情報の保護に関する法律第27条第1項）\n" +
        "提供期間\t2026年6月1日から2026年10月31日まで（継続して提供）\n" +
        "提供先\t株式会社サンプルエナジー（東京都新宿区西新宿2-3-4、代表取締役 見本 二郎）\n" +
        "本人\t山田 花子（ヤマダ ハナコ、組合員番号12345678、1980年4月1日生）\n" +
        "提供した項目\t組合員番号、氏名、住所、電話番号、メールアドレス\n" +
        "根拠\tご本人の同意（2026年5月20日 電気の供給契約の申込書により同意。同法第27条第1項）\n" +
        "記録のないもの\t配送業務の委託に伴う委託先への提供（同法第27条第5項第1号）及び生活クラブ共済連・会員生協との共同利用（同項第3号）は、" +
        "第三者への提供に当たらないため、記録はありません。";

    public static PrivacyRequest NewRequest(RequestFamily family, RequestKind[] kinds, RequesterType type = RequesterType.Principal,
        DeliveryMethod delivery = DeliveryMethod.Post, string reference = DefaultReference)
    {
        var principal = new Person(PartyRole.Principal, "山田 花子", "ヤマダ ハナコ", new DateOnly(1980, 4, 1), "167-0001",
            "東京都", "杉並区", "阿佐谷北1-2-3", "090-1234-5678", "hanako.yamada@example.jp", "12345678", "生活クラブ東京");
        var agent = type == RequesterType.Principal ? null : new Person(PartyRole.Agent, "佐藤 一郎", "サトウ イチロウ",
            new DateOnly(1970, 1, 15), "180-0004", "東京都", "武蔵野市", "吉祥寺本町2-3-4 サンプルビル5階", "0422-12-3456", "ichiro.sato@example.jp");
        var details = family switch
        {
            RequestFamily.Disclosure => new RequestDetails("組合員登録の内容と、2026年の共同購入の利用履歴", Delivery: delivery),
            RequestFamily.Correction => new RequestDetails("組合員登録の住所", "東京都杉並区阿佐谷北1-2-3", "東京都杉並区阿佐谷南4-5-6 メゾン阿佐谷201"),
            _ => new RequestDetails("消費材カタログ・キャンペーンの案内", StopGrounds: [StopUseGround.NoLongerNeeded, StopUseGround.ProvidedWithoutConsent],
                StopGroundDetail: "転居に伴い共同購入をやめたため、案内は不要です。"),
        };
        return new PrivacyRequest(reference, "sample", family, kinds, Channel.Online, type, principal, agent, details,
            ReceivedAt, new FeePolicy(), new DeadlineClock(), PrivacyRequest.MemberActor, ReceivedAt);
    }

    private static PrivacyRequest Identified(PrivacyRequest request)
    {
        foreach (var requirement in DocumentRequirements.For(request.RequesterType))
        {
            request.AttachDocument(new IdentityDocument(requirement.Role, requirement.AcceptedTypes[0], "image/jpeg", 1000, new string('0', 64), ReceivedAt));
        }

        request.StartIdentityCheck(Staff, ReceivedAt.AddDays(1));
        request.AcceptIdentity(Staff, ReceivedAt.AddDays(1), IdentityChecklist.For(request.RequesterType));
        return request;
    }

    private static PrivacyRequest Returned(PrivacyRequest request)
    {
        request.AttachDocument(new IdentityDocument(DocumentRole.PrincipalIdentity, DocumentType.DriversLicence, "image/jpeg", 1000, new string('0', 64), ReceivedAt));
        request.StartIdentityCheck(Staff, ReceivedAt.AddDays(1));
        request.ReturnForDeficiency(
            "法定代理権を確認できる書類（戸籍謄本又は成年後見登記事項証明書）が同封されていませんでした。また、運転免許証の写しは有効期限が切れていました。",
            Staff, ReceivedAt.AddDays(1));
        return request;
    }

    /// <summary>A request decided with <paramref name="outcomes"/>, approved by a second person unless <paramref name="approve"/> is false.</summary>
    public static PrivacyRequest Decided(RequestFamily family, KindDecision[] outcomes, DeliveryMethod delivery = DeliveryMethod.Post,
        string reference = DefaultReference, bool approve = true)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var request = Identified(NewRequest(family, outcomes.Select(o => o.Kind).ToArray(), delivery: delivery, reference: reference));
        if (request.FeeDueYen > 0)
        {
            request.RecordPayment(new FeePayment(request.FeeDueYen, LetterDate.AddDays(-10), PaymentMethod.BankTransfer, "2026000123 ﾔﾏﾀﾞ ﾊﾅｺ", Staff, ReceivedAt.AddDays(2)));
        }

        request.Decide(new Decision(outcomes, Staff, ReceivedAt.AddDays(5)));
        if (approve)
        {
            request.ApproveDecision(Supervisor, ReceivedAt.AddDays(6));
        }

        return request;
    }
}
