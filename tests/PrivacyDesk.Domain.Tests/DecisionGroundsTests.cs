using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Tests;

/// <summary>
/// Which grounds fit which kind: a refusal to notify the purposes of use rests on the exceptions of APPI Art. 32(2),
/// a refusal to disclose data or records on ①–④ (Art. 33(2)); and ④ is no ground once the identity was confirmed.
/// </summary>
public class DecisionGroundsTests
{
    private const string Reason = "利用目的は当会の個人情報保護方針で公表しています。";

    private static readonly NonDisclosureGround[] FourGrounds =
    [
        NonDisclosureGround.HarmToPersonOrThirdParty, NonDisclosureGround.SeriousHindranceToBusiness,
        NonDisclosureGround.ViolationOfOtherLaw, NonDisclosureGround.IdentityNotConfirmed,
    ];

    private static readonly NonDisclosureGround[] Exceptions =
    [
        NonDisclosureGround.PurposeAlreadyClear, NonDisclosureGround.PurposeNoticeHarmsPersonOrThirdParty,
        NonDisclosureGround.PurposeNoticeHarmsCoop, NonDisclosureGround.PurposeNoticeHindersStateAffairs,
    ];

    public static TheoryData<NonDisclosureGround> FourGroundsData => new(FourGrounds);

    public static TheoryData<NonDisclosureGround> ExceptionsData => new(Exceptions);

    [Fact]
    public void EveryGroundIsEitherOneOfTheFourOrAnException()
    {
        Assert.Equal(FourGrounds.Concat(Exceptions).Order(), Enum.GetValues<NonDisclosureGround>().Order());
        Assert.Equal(Exceptions, DecisionRules.GroundsFor(RequestKind.PurposeOfUseNotice));
        Assert.Equal(Exceptions, DecisionRules.GroundsFor(RequestKind.PurposeOfUseNotice, identityConfirmed: true));
        Assert.Equal(FourGrounds, DecisionRules.GroundsFor(RequestKind.Disclosure));
        Assert.Equal(FourGrounds[..3], DecisionRules.GroundsFor(RequestKind.ThirdPartyProvisionRecordDisclosure, identityConfirmed: true));
    }

    [Theory]
    [MemberData(nameof(ExceptionsData))]
    public void A_purpose_refusal_is_recorded_on_each_exception(NonDisclosureGround ground)
    {
        var decision = new KindDecision(RequestKind.PurposeOfUseNotice, KindOutcome.NoDisclosure, [ground], Reason);

        Assert.Equal([ground], decision.Grounds);
        Assert.Equal(Reason, decision.Reason);
    }

    [Theory]
    [MemberData(nameof(FourGroundsData))]
    public void A_purpose_refusal_on_the_four_grounds_is_refused(NonDisclosureGround ground)
    {
        var ex = Assert.Throws<DomainRuleException>(() =>
            new KindDecision(RequestKind.PurposeOfUseNotice, KindOutcome.NoDisclosure, [NonDisclosureGround.PurposeAlreadyClear, ground], Reason));

        Assert.Equal("decision.purposeGrounds", ex.Code);
        Assert.Equal("「利用目的の通知」を通知しない根拠は、個人情報保護法第32条第2項各号の場合に限られます。不開示の根拠（①〜④）は選べません。", ex.Message);
    }

    [Theory]
    [InlineData(RequestKind.Disclosure, KindOutcome.NoDisclosure, NonDisclosureGround.PurposeAlreadyClear)]
    [InlineData(RequestKind.Disclosure, KindOutcome.PartialDisclosure, NonDisclosureGround.PurposeNoticeHarmsPersonOrThirdParty)]
    [InlineData(RequestKind.ThirdPartyProvisionRecordDisclosure, KindOutcome.NoDisclosure, NonDisclosureGround.PurposeNoticeHarmsCoop)]
    [InlineData(RequestKind.ThirdPartyProvisionRecordDisclosure, KindOutcome.PartialDisclosure, NonDisclosureGround.PurposeNoticeHindersStateAffairs)]
    public void A_disclosure_refusal_on_an_exception_is_refused(RequestKind kind, KindOutcome outcome, NonDisclosureGround ground)
    {
        var ex = Assert.Throws<DomainRuleException>(() => new KindDecision(kind, outcome, [ground], Reason));

        Assert.Equal("decision.disclosureGrounds", ex.Code);
        Assert.Equal(
            $"「{Labels.Kind(kind).Japanese}」を開示しない根拠は、不開示の根拠（①〜④）に限られます。利用目的の通知の例外（第32条第2項各号）は選べません。",
            ex.Message);
    }

    [Fact]
    public void A_purpose_refusal_needs_an_exception_and_a_reason()
    {
        var noGround = Assert.Throws<DomainRuleException>(() =>
            new KindDecision(RequestKind.PurposeOfUseNotice, KindOutcome.NoDisclosure, [], Reason));
        var noReason = Assert.Throws<DomainRuleException>(() =>
            new KindDecision(RequestKind.PurposeOfUseNotice, KindOutcome.NoDisclosure, [NonDisclosureGround.PurposeAlreadyClear], "  "));

        Assert.Equal("decision.grounds", noGround.Code);
        Assert.Equal("「利用目的の通知」を通知しない場合は、通知しない根拠（個人情報保護法第32条第2項各号）を選んでください。", noGround.Message);
        Assert.Equal("decision.reason", noReason.Code);
        Assert.Contains("第36条", noReason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_exceptions_carry_the_statutory_wording()
    {
        Assert.Equal("第32条第2項第1号　前項の規定により当該本人が識別される保有個人データの利用目的が明らかな場合",
            Labels.Ground(NonDisclosureGround.PurposeAlreadyClear).Japanese);
        Assert.EndsWith("利用目的を本人に通知し、又は公表することにより本人又は第三者の生命、身体、財産その他の権利利益を害するおそれがある場合",
            Labels.Ground(NonDisclosureGround.PurposeNoticeHarmsPersonOrThirdParty).Japanese, StringComparison.Ordinal);
        Assert.EndsWith("利用目的を本人に通知し、又は公表することにより当該個人情報取扱事業者の権利又は正当な利益を害するおそれがある場合",
            Labels.Ground(NonDisclosureGround.PurposeNoticeHarmsCoop).Japanese, StringComparison.Ordinal);
        Assert.EndsWith("国の機関又は地方公共団体が法令の定める事務を遂行することに対して協力する必要がある場合であって、利用目的を本人に通知し、又は公表することにより当該事務の遂行に支障を及ぼすおそれがあるとき",
            Labels.Ground(NonDisclosureGround.PurposeNoticeHindersStateAffairs).Japanese, StringComparison.Ordinal);
        Assert.StartsWith("第32条第2項第2号（第21条第4項第1号）", Labels.Ground(NonDisclosureGround.PurposeNoticeHarmsPersonOrThirdParty).Japanese, StringComparison.Ordinal);
        Assert.StartsWith("第32条第2項第2号（第21条第4項第2号）", Labels.Ground(NonDisclosureGround.PurposeNoticeHarmsCoop).Japanese, StringComparison.Ordinal);
        Assert.StartsWith("第32条第2項第2号（第21条第4項第3号）", Labels.Ground(NonDisclosureGround.PurposeNoticeHindersStateAffairs).Japanese, StringComparison.Ordinal);
        Assert.All(Exceptions, g => Assert.StartsWith("Art. 32(2)", Labels.Ground(g).English, StringComparison.Ordinal));
    }

    [Fact]
    public void Ground_four_after_an_accepted_identity_check_is_refused_and_changes_nothing()
    {
        var request = InReview();
        Assert.True(request.IsIdentityConfirmed);
        var decision = TestData.DecisionOf(
            [new KindDecision(RequestKind.Disclosure, KindOutcome.NoDisclosure, [NonDisclosureGround.IdentityNotConfirmed], "本人確認書類が一致しません。")],
            TestData.Jst(2026, 11, 9));
        var before = RequestSnapshot.Of(request);

        var ex = Assert.Throws<DomainRuleException>(() => request.Decide(decision, requiresApproval: false));

        Assert.Equal("decision.identityConfirmed", ex.Code);
        Assert.Equal(
            "本人確認は完了しているため、「④ 本人確認ができない場合」は根拠に選べません。本人確認ができない請求は、決定ではなく却下の手続で扱ってください。",
            ex.Message);
        Assert.Contains("rejected, not decided", ex.English, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.Null(request.Decision);
        Assert.False(decision.IsApproved);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    [Fact]
    public void Other_grounds_after_an_accepted_identity_check_are_decided()
    {
        var request = InReview();
        var decision = TestData.DecisionOf(
            [new KindDecision(RequestKind.Disclosure, KindOutcome.NoDisclosure, [NonDisclosureGround.HarmToPersonOrThirdParty], "第三者の情報です。")],
            TestData.Jst(2026, 11, 9));

        request.Decide(decision, requiresApproval: false);

        Assert.Equal(RequestStatus.Decided, request.Status);
        Assert.Same(decision, request.Decision);
    }

    [Fact]
    public void Identity_is_not_confirmed_before_a_check_or_after_a_return()
    {
        var request = RequestBuilder.Disclosure().Build();
        Assert.False(request.IsIdentityConfirmed);

        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 3));
        request.ReturnForDeficiency("書類が不鮮明です。", TestData.Staff, TestData.Jst(2026, 11, 3, 11));

        Assert.False(request.IsIdentityConfirmed);
    }

    private static PrivacyRequest InReview()
    {
        var request = RequestBuilder.Disclosure().Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 3));
        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 3, 11), TestData.FullChecklist(request));
        request.RecordPayment(TestData.Payment(1_000, TestData.Jst(2026, 11, 4)));
        Assert.Equal(RequestStatus.InReview, request.Status);
        return request;
    }
}
