using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Tests;

public class DecisionRulesTests
{
    private const string Reason = "第三者の権利利益を害するおそれがあるため、一部を開示しません。";
    private const string Detail = TestData.DoneDetail;

    /// <summary>The outcomes each kind may have, written out independently of the production code.</summary>
    private static readonly Dictionary<RequestKind, KindOutcome[]> ExpectedOutcomes = new()
    {
        [RequestKind.PurposeOfUseNotice] = [KindOutcome.FullDisclosure, KindOutcome.NoDisclosure, KindOutcome.NoDataHeld],
        [RequestKind.Disclosure] = [KindOutcome.FullDisclosure, KindOutcome.PartialDisclosure, KindOutcome.NoDisclosure, KindOutcome.NoDataHeld],
        [RequestKind.ThirdPartyProvisionRecordDisclosure] =
            [KindOutcome.FullDisclosure, KindOutcome.PartialDisclosure, KindOutcome.NoDisclosure, KindOutcome.NoDataHeld],
        [RequestKind.Correction] = [KindOutcome.Done, KindOutcome.NotDone, KindOutcome.NoDataHeld],
        [RequestKind.Addition] = [KindOutcome.Done, KindOutcome.NotDone, KindOutcome.NoDataHeld],
        [RequestKind.Deletion] = [KindOutcome.Done, KindOutcome.NotDone, KindOutcome.NoDataHeld],
        [RequestKind.StopOfUse] = [KindOutcome.Done, KindOutcome.NotDone, KindOutcome.NoDataHeld],
        [RequestKind.StopOfThirdPartyProvision] = [KindOutcome.Done, KindOutcome.NotDone, KindOutcome.NoDataHeld],
    };

    public static TheoryData<RequestKind> AllKinds => new(Enum.GetValues<RequestKind>());

    public static TheoryData<RequestKind, KindOutcome> KindOutcomePairs
    {
        get
        {
            var data = new TheoryData<RequestKind, KindOutcome>();
            foreach (var kind in Enum.GetValues<RequestKind>())
            {
                foreach (var outcome in Enum.GetValues<KindOutcome>())
                {
                    data.Add(kind, outcome);
                }
            }

            return data;
        }
    }

    [Fact]
    public void ExpectedTableCoversEveryKind()
    {
        Assert.Equal(Enum.GetValues<RequestKind>().Order(), ExpectedOutcomes.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void AllowedOutcomesPerKind(RequestKind kind)
    {
        Assert.Equal(ExpectedOutcomes[kind].Order(), DecisionRules.AllowedOutcomes(kind).Order());
    }

    [Theory]
    [MemberData(nameof(KindOutcomePairs))]
    public void OutcomeMustSuitTheKind(RequestKind kind, KindOutcome outcome)
    {
        // Grounds, reason and detail are given exactly as the outcome needs them, so only the outcome itself can be wrong.
        NonDisclosureGround[]? grounds = DecisionRules.NeedsGrounds(outcome) ? [TestData.GroundFor(kind)] : null;
        var reason = DecisionRules.NeedsReason(outcome) ? Reason : null;
        var detail = DecisionRules.NeedsDetail(outcome) ? Detail : null;

        if (ExpectedOutcomes[kind].Contains(outcome))
        {
            var decision = new KindDecision(kind, outcome, grounds, reason, detail, Content(kind, outcome));
            Assert.Equal(kind, decision.Kind);
            Assert.Equal(outcome, decision.Outcome);
            Assert.Equal(detail, decision.Detail);
        }
        else
        {
            var ex = Assert.Throws<DomainRuleException>(() => new KindDecision(kind, outcome, grounds, reason, detail));
            Assert.Equal("decision.outcome", ex.Code);
            Assert.Equal($"「{Labels.Kind(kind).Japanese}」に「{Labels.Outcome(outcome).Japanese}」は選べません。", ex.Message);
        }
    }

    [Fact]
    public void PurposeOfUseCannotBePartlyNotified()
    {
        var ex = Assert.Throws<DomainRuleException>(() =>
            new KindDecision(RequestKind.PurposeOfUseNotice, KindOutcome.PartialDisclosure, [NonDisclosureGround.ViolationOfOtherLaw], Reason));

        Assert.Equal("「利用目的の通知」に「一部開示」は選べません。", ex.Message);
    }

    [Theory]
    [InlineData(KindOutcome.FullDisclosure, false, false, false)]
    [InlineData(KindOutcome.PartialDisclosure, true, true, false)]
    [InlineData(KindOutcome.NoDisclosure, true, true, false)]
    [InlineData(KindOutcome.NoDataHeld, false, true, false)]
    [InlineData(KindOutcome.Done, false, false, true)]
    [InlineData(KindOutcome.NotDone, false, true, false)]
    public void WhichOutcomesNeedGroundsReasonsAndDetail(KindOutcome outcome, bool needsGrounds, bool needsReason, bool needsDetail)
    {
        Assert.Equal(needsGrounds, DecisionRules.NeedsGrounds(outcome));
        Assert.Equal(needsReason, DecisionRules.NeedsReason(outcome));
        Assert.Equal(needsDetail, DecisionRules.NeedsDetail(outcome));
    }

    [Theory]
    [InlineData(KindOutcome.PartialDisclosure)]
    [InlineData(KindOutcome.NoDisclosure)]
    public void WithholdingNeedsAGround(KindOutcome outcome)
    {
        var none = Assert.Throws<DomainRuleException>(() => new KindDecision(RequestKind.Disclosure, outcome, null, Reason));
        var empty = Assert.Throws<DomainRuleException>(() => new KindDecision(RequestKind.Disclosure, outcome, [], Reason));

        Assert.Equal("decision.grounds", none.Code);
        Assert.Equal("decision.grounds", empty.Code);
        Assert.Equal("「保有個人データの開示」を開示しない部分がある場合は、不開示の根拠（①〜④）を選んでください。", none.Message);
    }

    [Theory]
    [InlineData(NonDisclosureGround.HarmToPersonOrThirdParty)]
    [InlineData(NonDisclosureGround.SeriousHindranceToBusiness)]
    [InlineData(NonDisclosureGround.ViolationOfOtherLaw)]
    [InlineData(NonDisclosureGround.IdentityNotConfirmed)]
    public void EachOfTheFourGroundsIsAccepted(NonDisclosureGround ground)
    {
        var decision = new KindDecision(RequestKind.ThirdPartyProvisionRecordDisclosure, KindOutcome.NoDisclosure, [ground], Reason);

        Assert.Equal([ground], decision.Grounds);
    }

    [Fact]
    public void GroundsAreDistinctAndInTheirPrintedOrder()
    {
        var decision = new KindDecision(
            RequestKind.Disclosure,
            KindOutcome.PartialDisclosure,
            [NonDisclosureGround.IdentityNotConfirmed, NonDisclosureGround.HarmToPersonOrThirdParty, NonDisclosureGround.IdentityNotConfirmed],
            Reason,
            content: TestData.DisclosedContent);

        Assert.Equal([NonDisclosureGround.HarmToPersonOrThirdParty, NonDisclosureGround.IdentityNotConfirmed], decision.Grounds);
    }

    [Theory]
    [InlineData(RequestKind.Disclosure, KindOutcome.FullDisclosure)]
    [InlineData(RequestKind.Disclosure, KindOutcome.NoDataHeld)]
    [InlineData(RequestKind.Correction, KindOutcome.Done)]
    [InlineData(RequestKind.Deletion, KindOutcome.NotDone)]
    [InlineData(RequestKind.StopOfUse, KindOutcome.NoDataHeld)]
    public void GroundsAreRefusedWhenNothingIsWithheld(RequestKind kind, KindOutcome outcome)
    {
        var ex = Assert.Throws<DomainRuleException>(() =>
            new KindDecision(kind, outcome, [NonDisclosureGround.SeriousHindranceToBusiness], Reason));

        Assert.Equal("decision.groundsNotApplicable", ex.Code);
        Assert.Equal("不開示の根拠は、一部開示または不開示の場合にのみ指定できます。", ex.Message);
    }

    [Theory]
    [InlineData(RequestKind.Disclosure, KindOutcome.PartialDisclosure, null)]
    [InlineData(RequestKind.Disclosure, KindOutcome.NoDisclosure, "")]
    [InlineData(RequestKind.PurposeOfUseNotice, KindOutcome.NoDisclosure, "   ")]
    [InlineData(RequestKind.Disclosure, KindOutcome.NoDataHeld, "　")]
    [InlineData(RequestKind.Correction, KindOutcome.NotDone, null)]
    [InlineData(RequestKind.Addition, KindOutcome.NoDataHeld, null)]
    [InlineData(RequestKind.StopOfThirdPartyProvision, KindOutcome.NotDone, "\t")]
    public void ReasonIsMandatoryWhenTheAnswerIsNotWhatWasAsked(RequestKind kind, KindOutcome outcome, string? reason)
    {
        NonDisclosureGround[]? grounds = DecisionRules.NeedsGrounds(outcome) ? [TestData.GroundFor(kind)] : null;

        var ex = Assert.Throws<DomainRuleException>(() => new KindDecision(kind, outcome, grounds, reason, content: Content(kind, outcome)));

        Assert.Equal("decision.reason", ex.Code);
        Assert.Equal($"「{Labels.Kind(kind).Japanese}」は請求どおりの対応ではないため、理由の記載が必要です（個人情報保護法第36条）。", ex.Message);
        Assert.Contains("APPI Art. 36", ex.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RequestKind.Disclosure, KindOutcome.FullDisclosure)]
    [InlineData(RequestKind.PurposeOfUseNotice, KindOutcome.FullDisclosure)]
    [InlineData(RequestKind.Correction, KindOutcome.Done)]
    [InlineData(RequestKind.StopOfUse, KindOutcome.Done)]
    public void NoReasonIsNeededWhenGranted(RequestKind kind, KindOutcome outcome)
    {
        var decision = new KindDecision(kind, outcome, null, "  ", outcome == KindOutcome.Done ? Detail : null, Content(kind, outcome));

        Assert.Null(decision.Reason);
        Assert.Empty(decision.Grounds);
    }

    [Fact]
    public void ReasonIsTrimmed()
    {
        var decision = new KindDecision(RequestKind.Correction, KindOutcome.NotDone, null, "  ご指摘の内容は事実と一致しているため。 ");

        Assert.Equal("ご指摘の内容は事実と一致しているため。", decision.Reason);
    }

    [Fact]
    public void DecisionCoveringEachKindOnceIsAccepted()
    {
        var decision = new Decision(
            [
                new KindDecision(RequestKind.Deletion, KindOutcome.Done, null, null, "旧住所の登録を削除しました。"),
                new KindDecision(RequestKind.Correction, KindOutcome.NotDone, null, Reason),
            ],
            TestData.Supervisor,
            TestData.ReceivedAt);

        DecisionRules.EnsureCovers(decision, [RequestKind.Correction, RequestKind.Deletion]);

        Assert.Equal(TestData.Supervisor, decision.DecidedBy);
        Assert.Equal(2, decision.Outcomes.Count);
    }

    [Fact]
    public void DecisionMissingAKindIsRefused()
    {
        var decision = new Decision([TestData.Outcome(RequestKind.Correction, KindOutcome.Done)], TestData.Supervisor, TestData.ReceivedAt);

        var ex = Assert.Throws<DomainRuleException>(() =>
            DecisionRules.EnsureCovers(decision, [RequestKind.Correction, RequestKind.Addition, RequestKind.Deletion]));

        Assert.Equal("decision.missing", ex.Code);
        Assert.Equal("次の請求に対する決定がありません：追加、削除", ex.Message);
    }

    [Fact]
    public void DecisionNamingAnUnrequestedKindIsRefused()
    {
        var decision = new Decision(
            [
                TestData.Outcome(RequestKind.StopOfUse, KindOutcome.Done),
                TestData.Outcome(RequestKind.StopOfThirdPartyProvision, KindOutcome.Done),
            ],
            TestData.Supervisor,
            TestData.ReceivedAt);

        var ex = Assert.Throws<DomainRuleException>(() => DecisionRules.EnsureCovers(decision, [RequestKind.StopOfUse]));

        Assert.Equal("decision.extra", ex.Code);
        Assert.Equal("請求されていない種類、または重複した決定が含まれています。", ex.Message);
    }

    [Fact]
    public void DecisionNamingAKindTwiceIsRefused()
    {
        var decision = new Decision(
            [
                new KindDecision(RequestKind.Disclosure, KindOutcome.FullDisclosure, null, null, content: TestData.DisclosedContent),
                new KindDecision(RequestKind.Disclosure, KindOutcome.NoDisclosure, [NonDisclosureGround.ViolationOfOtherLaw], Reason),
            ],
            TestData.Supervisor,
            TestData.ReceivedAt);

        var ex = Assert.Throws<DomainRuleException>(() => DecisionRules.EnsureCovers(decision, [RequestKind.Disclosure]));

        Assert.Equal("decision.extra", ex.Code);
    }

    [Fact]
    public void EmptyDecisionIsRefused()
    {
        var decision = new Decision([], TestData.Supervisor, TestData.ReceivedAt);

        Assert.Equal("decision.missing", Assert.Throws<DomainRuleException>(() =>
            DecisionRules.EnsureCovers(decision, [RequestKind.Disclosure])).Code);
    }

    [Theory]
    [InlineData(new[] { KindOutcome.FullDisclosure, KindOutcome.FullDisclosure }, true)]
    [InlineData(new[] { KindOutcome.FullDisclosure, KindOutcome.NoDataHeld }, false)]
    [InlineData(new[] { KindOutcome.PartialDisclosure, KindOutcome.FullDisclosure }, false)]
    [InlineData(new[] { KindOutcome.NoDisclosure, KindOutcome.NoDisclosure }, false)]
    public void GrantedInFullOnlyWhenEveryKindIsGranted(KindOutcome[] outcomes, bool expected)
    {
        RequestKind[] kinds = [RequestKind.Disclosure, RequestKind.ThirdPartyProvisionRecordDisclosure];
        var decision = TestData.DecisionOf(kinds.Zip(outcomes, TestData.Outcome), TestData.ReceivedAt);

        Assert.Equal(expected, decision.GrantedInFull);
    }

    [Fact]
    public void DoneIsGrantedAndNotDoneIsNot()
    {
        var done = TestData.DecisionOf([TestData.Outcome(RequestKind.StopOfUse, KindOutcome.Done)], TestData.ReceivedAt);
        var notDone = TestData.DecisionOf([TestData.Outcome(RequestKind.StopOfUse, KindOutcome.NotDone)], TestData.ReceivedAt);

        Assert.True(done.GrantedInFull);
        Assert.False(notDone.GrantedInFull);
    }

    // ---- Detail: what was corrected or stopped (APPI Arts. 34(3), 35(7)) ------------------------------------------

    public static TheoryData<RequestKind> KindsThatCanBeDone =>
        new(RequestKind.Correction, RequestKind.Addition, RequestKind.Deletion, RequestKind.StopOfUse, RequestKind.StopOfThirdPartyProvision);

    [Theory]
    [MemberData(nameof(KindsThatCanBeDone))]
    public void DoneNeedsTheDetailOfWhatWasDone(RequestKind kind)
    {
        var ex = Assert.Throws<DomainRuleException>(() => new KindDecision(kind, KindOutcome.Done, null, null));

        Assert.Equal("decision.detail", ex.Code);
        Assert.Equal($"「{Labels.Kind(kind).Japanese}」を実施した場合は、実施した内容を記載してください。", ex.Message);
        Assert.Equal($"Describe what was done for \"{Labels.Kind(kind).English}\".", ex.English);
    }

    [Fact]
    public void DetailMessageNamesTheKindInJapaneseAndEnglish()
    {
        var ex = Assert.Throws<DomainRuleException>(() => new KindDecision(RequestKind.StopOfThirdPartyProvision, KindOutcome.Done, null, null));

        Assert.Equal("「第三者提供の停止」を実施した場合は、実施した内容を記載してください。", ex.Japanese);
        Assert.Equal("Describe what was done for \"Stop of third-party provision\".", ex.English);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("　")]
    [InlineData("\t\n")]
    public void BlankDetailIsNoDetail(string detail)
    {
        var ex = Assert.Throws<DomainRuleException>(() => new KindDecision(RequestKind.Correction, KindOutcome.Done, null, null, detail));

        Assert.Equal("decision.detail", ex.Code);
    }

    [Fact]
    public void DetailIsTrimmed()
    {
        var decision = new KindDecision(RequestKind.StopOfUse, KindOutcome.Done, null, null, "　ダイレクトメールの送付を停止しました。 ");

        Assert.Equal("ダイレクトメールの送付を停止しました。", decision.Detail);
    }

    [Theory]
    [InlineData(RequestKind.Correction, KindOutcome.NotDone)]
    [InlineData(RequestKind.Deletion, KindOutcome.NoDataHeld)]
    [InlineData(RequestKind.StopOfUse, KindOutcome.NotDone)]
    public void NothingDoneNeedsNoDetail(RequestKind kind, KindOutcome outcome)
    {
        var decision = new KindDecision(kind, outcome, null, Reason);

        Assert.Null(decision.Detail);
    }

    [Fact]
    public void DoneWithoutDetailIsRefusedEvenWithAReason()
    {
        // A reason explains a refusal; it does not tell the member what was corrected.
        var ex = Assert.Throws<DomainRuleException>(() => new KindDecision(RequestKind.Addition, KindOutcome.Done, null, Reason));

        Assert.Equal("decision.detail", ex.Code);
    }

    // ---- Disclosed content ----------------------------------------------------------------------------------------

    public static TheoryData<RequestKind, KindOutcome> DisclosurePairs
    {
        get
        {
            var data = new TheoryData<RequestKind, KindOutcome>();
            foreach (var kind in RequestKinds.Of(RequestFamily.Disclosure))
            {
                foreach (var outcome in ExpectedOutcomes[kind])
                {
                    data.Add(kind, outcome);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(DisclosurePairs))]
    public void ContentIsMandatoryExactlyWhenDataOrRecordsAreHandedOver(RequestKind kind, KindOutcome outcome)
    {
        // Written out here: the data or the provision records, disclosed fully or in part, are handed over; a refusal
        // or "no data" hands over nothing. Purposes notified carry their content, but may leave it to the configured list.
        var handsOver = kind != RequestKind.PurposeOfUseNotice && outcome is KindOutcome.FullDisclosure or KindOutcome.PartialDisclosure;
        Assert.Equal(handsOver, DecisionRules.DisclosesContent(kind, outcome));
        var grounds = DecisionRules.NeedsGrounds(outcome) ? new[] { TestData.GroundFor(kind) } : null;
        var reason = DecisionRules.NeedsReason(outcome) ? Reason : null;

        if (handsOver)
        {
            var ex = Assert.Throws<DomainRuleException>(() => new KindDecision(kind, outcome, grounds, reason));
            Assert.Equal("decision.content", ex.Code);
            Assert.Contains(kind == RequestKind.Disclosure ? "開示する保有個人データを入力してください" : "開示する第三者提供記録を入力してください", ex.Japanese, StringComparison.Ordinal);
        }

        var with = new KindDecision(kind, outcome, grounds, reason, content: "  氏名：山田 太郎　");
        var carries = handsOver || (kind == RequestKind.PurposeOfUseNotice && outcome == KindOutcome.FullDisclosure);
        Assert.Equal(carries ? "氏名：山田 太郎" : null, with.Content);
    }

    [Theory]
    [InlineData(KindOutcome.Done)]
    [InlineData(KindOutcome.NotDone)]
    public void CorrectionOrStopCarriesNoContent(KindOutcome outcome)
    {
        var decision = new KindDecision(RequestKind.Deletion, outcome, null, outcome == KindOutcome.Done ? null : Reason,
            outcome == KindOutcome.Done ? TestData.DoneDetail : null, content: "氏名：山田 太郎");

        Assert.Null(decision.Content);
    }

    [Fact]
    public void EachKindKeepsItsOwnContent()
    {
        var decision = new Decision(
            [
                new KindDecision(RequestKind.Disclosure, KindOutcome.FullDisclosure, null, null, content: "氏名：山田 太郎"),
                new KindDecision(RequestKind.ThirdPartyProvisionRecordDisclosure, KindOutcome.FullDisclosure, null, null,
                    content: "提供先：株式会社みらい損害保険", provisionRecordIds: [Guid.Empty, Guid.Empty]),
                new KindDecision(RequestKind.PurposeOfUseNotice, KindOutcome.FullDisclosure, null, null, content: "共同購入の受発注"),
            ],
            TestData.Supervisor,
            TestData.ReceivedAt);

        Assert.Equal("氏名：山田 太郎", decision.ContentOf(RequestKind.Disclosure));
        Assert.Equal("提供先：株式会社みらい損害保険", decision.ContentOf(RequestKind.ThirdPartyProvisionRecordDisclosure));
        Assert.Equal("共同購入の受発注", decision.ContentOf(RequestKind.PurposeOfUseNotice));
        Assert.Equal([Guid.Empty], decision.Outcomes.Single(o => o.Kind == RequestKind.ThirdPartyProvisionRecordDisclosure).ProvisionRecordIds);
        Assert.Empty(decision.Outcomes.Single(o => o.Kind == RequestKind.Disclosure).ProvisionRecordIds);
        Assert.False(decision.NeedsContentReview);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("　\r\n")]
    public void BlankContentIsNoContent(string content)
    {
        var ex = Assert.Throws<DomainRuleException>(() =>
            new KindDecision(RequestKind.ThirdPartyProvisionRecordDisclosure, KindOutcome.FullDisclosure, null, null, content: content));

        Assert.Equal("decision.content", ex.Code);
    }

    // ---- Approval (the decision object itself; the request's part is in DecisionApprovalTests) --------------------

    [Fact]
    public void NewDecisionIsNotApproved()
    {
        var decision = TestData.DecisionOf([TestData.Outcome(RequestKind.Correction, KindOutcome.Done)], TestData.ReceivedAt, TestData.Staff);

        Assert.False(decision.IsApproved);
        Assert.Null(decision.ApprovedBy);
        Assert.Null(decision.ApprovedAt);
    }

    [Fact]
    public void FourEyesRefusesTheDeciderAndAcceptsAnother()
    {
        var decision = TestData.DecisionOf([TestData.Outcome(RequestKind.Correction, KindOutcome.Done)], TestData.ReceivedAt, TestData.Staff);

        var ex = Assert.Throws<DomainRuleException>(() => decision.Approve(TestData.Staff, TestData.ReceivedAt.AddHours(1), fourEyes: true));
        Assert.Equal("decision.selfApproval", ex.Code);
        Assert.False(decision.IsApproved);
        Assert.Null(decision.ApprovedBy);

        decision.Approve(TestData.Supervisor, TestData.ReceivedAt.AddHours(2), fourEyes: true);
        Assert.True(decision.IsApproved);
        Assert.Equal(TestData.Supervisor, decision.ApprovedBy);
        Assert.Equal(TestData.ReceivedAt.AddHours(2), decision.ApprovedAt);
    }

    [Fact]
    public void WithoutFourEyesTheDeciderMayApprove()
    {
        var decision = TestData.DecisionOf([TestData.Outcome(RequestKind.StopOfUse, KindOutcome.Done)], TestData.ReceivedAt, TestData.Staff);

        decision.Approve(TestData.Staff, TestData.ReceivedAt, fourEyes: false);

        Assert.Equal(TestData.Staff, decision.ApprovedBy);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DecisionIsApprovedOnlyOnce(bool fourEyes)
    {
        var decision = TestData.DecisionOf([TestData.Outcome(RequestKind.StopOfUse, KindOutcome.Done)], TestData.ReceivedAt, TestData.Staff);
        var first = TestData.ReceivedAt.AddHours(1);
        decision.Approve(TestData.Supervisor, first, fourEyes);

        var ex = Assert.Throws<DomainRuleException>(() => decision.Approve(TestData.SecondSupervisor, first.AddHours(1), fourEyes));

        Assert.Equal("decision.alreadyApproved", ex.Code);
        Assert.Equal("この決定はすでに承認されています。", ex.Japanese);
        Assert.Equal(TestData.Supervisor, decision.ApprovedBy);
        Assert.Equal(first, decision.ApprovedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void ApproverIsRequired(string approver)
    {
        var decision = TestData.DecisionOf([TestData.Outcome(RequestKind.StopOfUse, KindOutcome.Done)], TestData.ReceivedAt, TestData.Staff);

        Assert.ThrowsAny<ArgumentException>(() => decision.Approve(approver, TestData.ReceivedAt, fourEyes: true));
        Assert.False(decision.IsApproved);
    }

    /// <summary>The content a kind that discloses data or records must carry (ADR 0020); null for the others.</summary>
    private static string? Content(RequestKind kind, KindOutcome outcome) =>
        TestData.DisclosesSomething(kind, outcome) ? TestData.DisclosedContent : null;
}
