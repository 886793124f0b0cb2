using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Tests;

public class DecisionRulesTests
{
    private const string Reason = "第三者の権利利益を害するおそれがあるため、一部を開示しません。";

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
        // Grounds and reason are given exactly as the outcome needs them, so only the outcome itself can be wrong.
        NonDisclosureGround[]? grounds = DecisionRules.NeedsGrounds(outcome) ? [NonDisclosureGround.HarmToPersonOrThirdParty] : null;
        var reason = DecisionRules.NeedsReason(outcome) ? Reason : null;

        if (ExpectedOutcomes[kind].Contains(outcome))
        {
            var decision = new KindDecision(kind, outcome, grounds, reason);
            Assert.Equal(kind, decision.Kind);
            Assert.Equal(outcome, decision.Outcome);
        }
        else
        {
            var ex = Assert.Throws<DomainRuleException>(() => new KindDecision(kind, outcome, grounds, reason));
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
    [InlineData(KindOutcome.FullDisclosure, false, false)]
    [InlineData(KindOutcome.PartialDisclosure, true, true)]
    [InlineData(KindOutcome.NoDisclosure, true, true)]
    [InlineData(KindOutcome.NoDataHeld, false, true)]
    [InlineData(KindOutcome.Done, false, false)]
    [InlineData(KindOutcome.NotDone, false, true)]
    public void WhichOutcomesNeedGroundsAndReasons(KindOutcome outcome, bool needsGrounds, bool needsReason)
    {
        Assert.Equal(needsGrounds, DecisionRules.NeedsGrounds(outcome));
        Assert.Equal(needsReason, DecisionRules.NeedsReason(outcome));
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
            Reason);

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
        NonDisclosureGround[]? grounds = DecisionRules.NeedsGrounds(outcome) ? [NonDisclosureGround.SeriousHindranceToBusiness] : null;

        var ex = Assert.Throws<DomainRuleException>(() => new KindDecision(kind, outcome, grounds, reason));

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
        var decision = new KindDecision(kind, outcome, null, "  ");

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
                new KindDecision(RequestKind.Deletion, KindOutcome.Done, null, null),
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
        var decision = new Decision([new KindDecision(RequestKind.Correction, KindOutcome.Done, null, null)], TestData.Supervisor, TestData.ReceivedAt);

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
                new KindDecision(RequestKind.StopOfUse, KindOutcome.Done, null, null),
                new KindDecision(RequestKind.StopOfThirdPartyProvision, KindOutcome.Done, null, null),
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
                new KindDecision(RequestKind.Disclosure, KindOutcome.FullDisclosure, null, null),
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
        var decision = new Decision(kinds.Zip(outcomes, TestData.Outcome), TestData.Supervisor, TestData.ReceivedAt);

        Assert.Equal(expected, decision.GrantedInFull);
    }

    [Fact]
    public void DoneIsGrantedAndNotDoneIsNot()
    {
        var done = new Decision([TestData.Outcome(RequestKind.StopOfUse, KindOutcome.Done)], TestData.Supervisor, TestData.ReceivedAt);
        var notDone = new Decision([TestData.Outcome(RequestKind.StopOfUse, KindOutcome.NotDone)], TestData.Supervisor, TestData.ReceivedAt);

        Assert.True(done.GrantedInFull);
        Assert.False(notDone.GrantedInFull);
    }
}
