using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain;

/// <summary>A label in both UI languages. Japanese is what members and letters use first.</summary>
public readonly record struct Label(string Japanese, string English)
{
    public string For(string twoLetterLanguage) =>
        string.Equals(twoLetterLanguage, "en", StringComparison.OrdinalIgnoreCase) ? English : Japanese;

    public override string ToString() => Japanese;
}

/// <summary>
/// The names of domain values as the co-op's policy and APPI word them. Kept beside the rules so that a letter,
/// a page and an error message never name the same thing differently.
/// </summary>
public static class Labels
{
    public static Label Family(RequestFamily family) => family switch
    {
        RequestFamily.Disclosure => new("利用目的の通知・開示等の請求", "Notice of purpose / disclosure"),
        RequestFamily.Correction => new("訂正・追加・削除の請求", "Correction, addition or deletion"),
        RequestFamily.StopUse => new("利用停止・第三者提供停止の請求", "Stop of use / stop of third-party provision"),
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    public static Label Kind(RequestKind kind) => kind switch
    {
        RequestKind.PurposeOfUseNotice => new("利用目的の通知", "Notice of the purpose of use"),
        RequestKind.Disclosure => new("保有個人データの開示", "Disclosure of retained personal data"),
        RequestKind.ThirdPartyProvisionRecordDisclosure => new("第三者提供記録の開示", "Disclosure of third-party provision records"),
        RequestKind.Correction => new("訂正", "Correction"),
        RequestKind.Addition => new("追加", "Addition"),
        RequestKind.Deletion => new("削除", "Deletion"),
        RequestKind.StopOfUse => new("利用の停止・消去", "Stop of use or erasure"),
        RequestKind.StopOfThirdPartyProvision => new("第三者提供の停止", "Stop of third-party provision"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static Label Channel(Channel channel) => channel switch
    {
        Requests.Channel.Online => new("オンライン", "Online"),
        Requests.Channel.Post => new("郵送", "Post"),
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public static Label Delivery(DeliveryMethod method) => method switch
    {
        DeliveryMethod.Electronic => new("電磁的記録（状況確認ページからダウンロード）", "Electronic record (download from the status page)"),
        DeliveryMethod.Post => new("書面（郵送）", "Paper, by post"),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    public static Label StopGround(StopUseGround ground) => ground switch
    {
        StopUseGround.UsedBeyondPurpose => new("利用目的の範囲を超えて利用されている", "Used beyond the purpose of use"),
        StopUseGround.ImproperUse => new("違法・不当な行為を助長するおそれのある方法で利用されている", "Used in an improper way"),
        StopUseGround.ImproperlyObtained => new("偽りその他不正の手段により取得された", "Obtained by deception or other improper means"),
        StopUseGround.ProvidedWithoutConsent => new("本人の同意なく第三者に提供されている", "Provided to a third party without consent"),
        StopUseGround.NoLongerNeeded => new("利用する必要がなくなった", "The co-op no longer needs the data"),
        StopUseGround.LeakOccurred => new("漏えい等の事案が生じた", "A leak or similar incident occurred"),
        StopUseGround.RightsAtRisk => new("本人の権利又は正当な利益が害されるおそれがある", "The person's rights or legitimate interests are at risk"),
        _ => throw new ArgumentOutOfRangeException(nameof(ground)),
    };

    public static Label RequesterType(RequesterType type) => type switch
    {
        People.RequesterType.Principal => new("本人", "The person"),
        People.RequesterType.VoluntaryAgent => new("任意代理人", "Appointed agent"),
        People.RequesterType.LegalRepresentative => new("法定代理人", "Legal representative"),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>
    /// The status as staff and members see it: a decision is 承認待ち while it waits for a second person's approval and
    /// 通知書発行待ち once approved, until its letter closes the request (ADR 0016); other statuses as <see cref="Status"/>.
    /// </summary>
    public static Label Stage(RequestStatus status, bool decisionApproved) => status switch
    {
        RequestStatus.Decided when !decisionApproved => new("承認待ち", "Awaiting approval"),
        RequestStatus.Decided => new("承認済み・通知書発行待ち", "Approved, letter not yet issued"),
        _ => Status(status),
    };

    /// <summary>
    /// The status as the member reads it on the status page: a decision is internal until its letter goes out (ADR 0016),
    /// so Decided, approved or not, reads 回答準備中 and never 決定済み; other statuses as <see cref="Status"/>.
    /// </summary>
    public static Label MemberStage(RequestStatus status) => status switch
    {
        RequestStatus.Decided => new("回答準備中", "Preparing the answer"),
        _ => Status(status),
    };

    public static Label Status(RequestStatus status) => status switch
    {
        RequestStatus.Received => new("受付", "Received"),
        RequestStatus.IdentityCheck => new("本人確認中", "Identity check"),
        RequestStatus.AwaitingFee => new("手数料入金待ち", "Awaiting fee"),
        RequestStatus.InReview => new("審査中", "In review"),
        RequestStatus.Decided => new("決定済み", "Decided"),
        RequestStatus.Closed => new("完了", "Closed"),
        RequestStatus.ReturnedForDeficiency => new("書類不備による返戻中", "Returned for deficiency"),
        RequestStatus.Withdrawn => new("取下げ", "Withdrawn"),
        RequestStatus.Rejected => new("却下", "Rejected"),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static Label DocumentType(DocumentType type) => type switch
    {
        Documents.DocumentType.MyNumberCardFront => new("個人番号カード（表面）", "My Number card (front only)"),
        Documents.DocumentType.DriversLicence => new("運転免許証", "Driver's licence"),
        Documents.DocumentType.HealthInsuranceCard => new("健康保険被保険者証", "Health insurance card"),
        Documents.DocumentType.Passport => new("パスポート", "Passport"),
        Documents.DocumentType.QualificationCertificate => new("資格確認書", "Eligibility certificate (資格確認書)"),
        Documents.DocumentType.ResidentRecordCopy => new("住民票の写し", "Copy of the residence record (住民票の写し)"),
        Documents.DocumentType.UtilityBill => new("公共料金の領収書", "Utility bill"),
        Documents.DocumentType.PowerOfAttorney => new("委任状", "Power of attorney"),
        Documents.DocumentType.FamilyRegisterCopy => new("戸籍謄本", "Family register copy (戸籍謄本)"),
        Documents.DocumentType.GuardianshipCertificate => new("成年後見登記事項証明書", "Certificate of adult guardianship registration"),
        Documents.DocumentType.Other => new("その他", "Other"),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static Label DocumentRole(DocumentRole role) => role switch
    {
        Documents.DocumentRole.PrincipalIdentity => new("本人の本人確認書類", "The person's ID"),
        Documents.DocumentRole.AgentIdentity => new("代理人の本人確認書類", "The agent's or representative's ID"),
        Documents.DocumentRole.Authority => new("代理権を確認する書類", "Proof of authority"),
        Documents.DocumentRole.PrincipalAddressProof => new("本人の住所を確認する書類", "Proof of the person's address"),
        Documents.DocumentRole.AgentAddressProof => new("代理人の住所を確認する書類", "Proof of the agent's address"),
        Documents.DocumentRole.Supporting => new("その他の書類", "Other supporting document"),
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static Label Outcome(KindOutcome outcome) => outcome switch
    {
        KindOutcome.FullDisclosure => new("全部開示（通知）", "Disclosed in full"),
        KindOutcome.PartialDisclosure => new("一部開示", "Disclosed in part"),
        KindOutcome.NoDisclosure => new("不開示（非通知）", "Not disclosed"),
        KindOutcome.NoDataHeld => new("該当する保有個人データなし", "No such data held"),
        KindOutcome.Done => new("請求どおり実施", "Done as requested"),
        KindOutcome.NotDone => new("実施しない", "Not done"),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    public static Label Ground(NonDisclosureGround ground) => ground switch
    {
        NonDisclosureGround.HarmToPersonOrThirdParty => new(
            "① 開示することでご本人様又は第三者の生命、身体、財産その他の権利利益を害するおそれがある場合",
            "(1) It would harm the life, body, property or other rights and interests of the person or a third party"),
        NonDisclosureGround.SeriousHindranceToBusiness => new(
            "② 開示することで当会の業務の適正な実施に著しい支障を及ぼすおそれがある場合",
            "(2) It would seriously hinder the proper conduct of the co-op's business"),
        NonDisclosureGround.ViolationOfOtherLaw => new(
            "③ 開示することが法令に違反することとなる場合",
            "(3) It would violate another law"),
        NonDisclosureGround.IdentityNotConfirmed => new(
            "④ 開示の請求がご本人様からであることが確認できない場合",
            "(4) The co-op cannot confirm that the request comes from the person or their agent"),

        // The exceptions of Art. 32(2) in the statute's own words, headed by the provision they come from.
        NonDisclosureGround.PurposeAlreadyClear => new(
            "第32条第2項第1号　前項の規定により当該本人が識別される保有個人データの利用目的が明らかな場合",
            "Art. 32(2)(i): the purpose of use of the retained personal data identifying the person is clear under paragraph (1)"),
        NonDisclosureGround.PurposeNoticeHarmsPersonOrThirdParty => new(
            "第32条第2項第2号（第21条第4項第1号）　利用目的を本人に通知し、又は公表することにより本人又は第三者の生命、身体、財産その他の権利利益を害するおそれがある場合",
            "Art. 32(2)(ii) with Art. 21(4)(i): notifying the person of the purpose would harm the life, body, property or other rights and interests of the person or a third party"),
        NonDisclosureGround.PurposeNoticeHarmsCoop => new(
            "第32条第2項第2号（第21条第4項第2号）　利用目的を本人に通知し、又は公表することにより当該個人情報取扱事業者の権利又は正当な利益を害するおそれがある場合",
            "Art. 32(2)(ii) with Art. 21(4)(ii): notifying the person of the purpose would harm the co-op's rights or legitimate interests"),
        NonDisclosureGround.PurposeNoticeHindersStateAffairs => new(
            "第32条第2項第2号（第21条第4項第3号）　国の機関又は地方公共団体が法令の定める事務を遂行することに対して協力する必要がある場合であって、利用目的を本人に通知し、又は公表することにより当該事務の遂行に支障を及ぼすおそれがあるとき",
            "Art. 32(2)(ii) with Art. 21(4)(iii): the co-op must co-operate with a state organ or local government carrying out affairs prescribed by law, and notifying the person of the purpose would hinder those affairs"),
        _ => throw new ArgumentOutOfRangeException(nameof(ground)),
    };

    public static Label PaymentMethod(Fees.PaymentMethod method) => method switch
    {
        Fees.PaymentMethod.BankTransfer => new("銀行振込", "Bank transfer"),
        Fees.PaymentMethod.CashAtCounter => new("窓口（現金）", "Cash at the counter"),
        Fees.PaymentMethod.PostalMoneyOrder => new("定額小為替", "Postal money order (teigaku kogawase)"),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    // Contact corrections and status-code reissue (ADR 0024).
    public static Label ContactField(ContactField field) => field switch
    {
        People.ContactField.Address => new("住所", "Address"),
        People.ContactField.Phone => new("電話番号", "Phone"),
        People.ContactField.Email => new("メールアドレス", "Email"),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    public static Label CallerVerification(CallerVerification method) => method switch
    {
        Requests.CallerVerification.CalledBackRegisteredPhone => new("請求書に記載の電話番号へ折り返し電話して確認した", "Called back the phone number on the request"),
        Requests.CallerVerification.RegisteredDetailsMatched => new("受付番号・氏名・生年月日・住所が請求書の記載と一致した", "Reference number, name, date of birth and address matched the request"),
        Requests.CallerVerification.InPersonWithDocument => new("窓口で本人確認書類を確認した", "Checked an identity document at the counter"),
        Requests.CallerVerification.WrittenRequestWithDocument => new("書面の申出と本人確認書類の写しで確認した", "A written request with a copy of an identity document"),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    public static Label StatusCodeDelivery(StatusCodeDelivery via) => via switch
    {
        Requests.StatusCodeDelivery.Mail => new("メールで送る", "By mail"),
        Requests.StatusCodeDelivery.Post => new("郵送する（確認用コードを印字した書面）", "By post (a letter with the code printed)"),
        _ => throw new ArgumentOutOfRangeException(nameof(via)),
    };
}
