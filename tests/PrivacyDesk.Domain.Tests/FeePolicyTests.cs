using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Tests;

public class FeePolicyTests
{
    [Fact]
    public void DefaultDisclosureFeeIsOneThousandYen()
    {
        Assert.Equal(1_000, FeePolicy.DefaultAmountYen);
        Assert.Equal(1_000, new FeePolicy().DisclosureFeeYen);
    }

    [Theory]
    [InlineData(RequestFamily.Disclosure, 1_000)]
    [InlineData(RequestFamily.Correction, 0)]
    [InlineData(RequestFamily.StopUse, 0)]
    public void DefaultPolicyChargesOnlyFamilyA(RequestFamily family, int expectedYen)
    {
        Assert.Equal(expectedYen, new FeePolicy().AmountDueYen(family));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1_500)]
    [InlineData(0)]
    public void DisclosureAmountIsConfigurableAndOtherFamiliesStayFree(int configuredYen)
    {
        var policy = new FeePolicy(configuredYen);

        Assert.Equal(configuredYen, policy.DisclosureFeeYen);
        Assert.Equal(configuredYen, policy.AmountDueYen(RequestFamily.Disclosure));
        Assert.Equal(0, policy.AmountDueYen(RequestFamily.Correction));
        Assert.Equal(0, policy.AmountDueYen(RequestFamily.StopUse));
    }

    [Fact]
    public void NegativeFeeIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeePolicy(-1));
    }

    [Theory]
    [InlineData(RequestFamily.Disclosure, 1_000)]
    [InlineData(RequestFamily.Correction, 0)]
    [InlineData(RequestFamily.StopUse, 0)]
    public void RequestTakesItsFeeFromThePolicy(RequestFamily family, int expectedYen)
    {
        var request = RequestBuilder.Of(family).Build();

        Assert.Equal(expectedYen, request.FeeDueYen);
        Assert.Equal(0, request.FeePaidYen);
        Assert.Equal(expectedYen == 0, request.IsFeeSettled);
    }

    [Fact]
    public void RequestUsesTheConfiguredAmount()
    {
        var request = RequestBuilder.Disclosure().WithFeePolicy(new FeePolicy(1_200)).Build();

        Assert.Equal(1_200, request.FeeDueYen);
    }

    [Fact]
    public void FeeIsPerRequestNotPerKind()
    {
        var request = RequestBuilder.Disclosure()
            .WithKinds(RequestKind.PurposeOfUseNotice, RequestKind.Disclosure, RequestKind.ThirdPartyProvisionRecordDisclosure)
            .Build();

        Assert.Equal(3, request.Kinds.Count);
        Assert.Equal(1_000, request.FeeDueYen);
    }

    [Fact]
    public void PaymentOfZeroIsRefused()
    {
        var ex = Assert.Throws<DomainRuleException>(() =>
            new FeePayment(0, new DateOnly(2026, 11, 5), PaymentMethod.BankTransfer, null, TestData.Staff, TestData.ReceivedAt));

        Assert.Equal("fee.zero", ex.Code);
        Assert.Equal("金額を入力してください。", ex.Message);
    }

    [Theory]
    [InlineData("  ﾔﾏﾀﾞ ﾀﾛｳ ", "ﾔﾏﾀﾞ ﾀﾛｳ")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void PayerNameIsTrimmedOrDropped(string? given, string? expected)
    {
        var payment = new FeePayment(1_000, new DateOnly(2026, 11, 5), PaymentMethod.PostalMoneyOrder, given, TestData.Staff, TestData.ReceivedAt);

        Assert.Equal(expected, payment.PayerName);
        Assert.Equal(PaymentMethod.PostalMoneyOrder, payment.Method);
        Assert.Equal(1_000, payment.AmountYen);
    }

    [Theory]
    [InlineData(RequestFamily.Correction)]
    [InlineData(RequestFamily.StopUse)]
    public void NoPaymentIsTakenForFreeFamilies(RequestFamily family)
    {
        var request = RequestBuilder.Of(family).Build();
        var before = RequestSnapshot.Of(request);

        var ex = Assert.Throws<DomainRuleException>(() => request.RecordPayment(TestData.Payment(1_000, TestData.ReceivedAt)));

        Assert.Equal("fee.notDue", ex.Code);
        Assert.Empty(request.Payments);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    [Fact]
    public void PaymentsAndRefundsAddUp()
    {
        var request = RequestBuilder.Disclosure().Build();

        request.RecordPayment(TestData.Payment(600, TestData.Jst(2026, 11, 3)));
        Assert.False(request.IsFeeSettled);

        request.RecordPayment(TestData.Payment(400, TestData.Jst(2026, 11, 4)));
        Assert.Equal(1_000, request.FeePaidYen);
        Assert.True(request.IsFeeSettled);

        request.RecordPayment(TestData.Payment(-1_000, TestData.Jst(2026, 11, 5)));
        Assert.Equal(0, request.FeePaidYen);
        Assert.False(request.IsFeeSettled);
        Assert.Equal(3, request.Payments.Count);
    }

    [Fact]
    public void FamilyARequestWaitsForTheFeeAfterIdentityIsAccepted()
    {
        var request = RequestBuilder.Disclosure().Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 2, 11));

        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 2, 12), TestData.FullChecklist(request));

        Assert.Equal(RequestStatus.AwaitingFee, request.Status);
    }

    [Fact]
    public void PartialPaymentKeepsTheRequestWaitingUntilTheRestArrives()
    {
        var request = RequestBuilder.Disclosure().Build();
        request.RecordPayment(TestData.Payment(500, TestData.Jst(2026, 11, 2, 10, 30)));
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 2, 11));
        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 2, 12), TestData.FullChecklist(request));
        Assert.Equal(RequestStatus.AwaitingFee, request.Status);

        var rest = TestData.Payment(500, TestData.Jst(2026, 11, 6, 9), "bank-import");
        request.RecordPayment(rest);

        Assert.Equal(RequestStatus.InReview, request.Status);
        var last = request.StatusHistory[^1];
        Assert.Equal(RequestStatus.AwaitingFee, last.From);
        Assert.Equal("bank-import", last.Actor);
        Assert.Equal(rest.RecordedAt, last.At);
    }

    [Fact]
    public void RequestAwaitingFeeCannotBeDecidedEvenAsNoDisclosure()
    {
        var request = RequestBuilder.Disclosure().Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 2, 11));
        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 2, 12), TestData.FullChecklist(request));
        var historyBefore = request.StatusHistory.Count;
        var before = RequestSnapshot.Of(request);

        var decision = TestData.DecisionFor(request, KindOutcome.NoDisclosure, TestData.Jst(2026, 11, 10));
        Assert.Throws<InvalidStatusTransitionException>(() => request.Decide(decision));

        Assert.Equal(RequestStatus.AwaitingFee, request.Status);
        Assert.Null(request.Decision);
        Assert.Equal(historyBefore, request.StatusHistory.Count);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    [Theory]
    [InlineData(KindOutcome.NoDisclosure)]
    [InlineData(KindOutcome.NoDataHeld)]
    [InlineData(KindOutcome.FullDisclosure)]
    public void FeeIsOwedWhateverTheOutcome(KindOutcome outcome)
    {
        // Paid, then refunded by mistake: the request is in review but the fee is not settled.
        var request = RequestBuilder.Disclosure().Build();
        request.RecordPayment(TestData.Payment(1_000, TestData.Jst(2026, 11, 2, 10, 30)));
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 2, 11));
        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 2, 12), TestData.FullChecklist(request));
        request.RecordPayment(TestData.Payment(-1_000, TestData.Jst(2026, 11, 3)));
        Assert.Equal(RequestStatus.InReview, request.Status);
        var before = RequestSnapshot.Of(request);

        var ex = Assert.Throws<DomainRuleException>(() =>
            request.Decide(TestData.DecisionFor(request, outcome, TestData.Jst(2026, 11, 10))));

        Assert.Equal("decision.feeUnpaid", ex.Code);
        Assert.Equal("手数料の入金が確認できていないため、決定できません。", ex.Message);
        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.Null(request.Decision);
        Assert.Equal(before, RequestSnapshot.Of(request));

        request.RecordPayment(TestData.Payment(1_000, TestData.Jst(2026, 11, 11)));
        request.Decide(TestData.DecisionFor(request, outcome, TestData.Jst(2026, 11, 12)));
        Assert.Equal(RequestStatus.Decided, request.Status);
    }

    [Fact]
    public void NoDisclosureDecisionKeepsTheFee()
    {
        var request = RequestBuilder.Disclosure().Build();
        request.RecordPayment(TestData.Payment(1_000, TestData.Jst(2026, 11, 2, 10, 30)));
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 2, 11));
        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 2, 12), TestData.FullChecklist(request));

        request.Decide(TestData.DecisionFor(request, KindOutcome.NoDisclosure, TestData.Jst(2026, 11, 10)));

        Assert.Equal(RequestStatus.Decided, request.Status);
        Assert.Equal(1_000, request.FeeDueYen);
        Assert.Equal(1_000, request.FeePaidYen);
    }

    [Fact]
    public void FreeDisclosureGoesStraightToReview()
    {
        var request = RequestBuilder.Disclosure().WithFeePolicy(new FeePolicy(0)).Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 2, 11));

        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 2, 12), TestData.FullChecklist(request));

        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.DoesNotContain(RequestStatus.AwaitingFee, TestData.Statuses(request));
    }

    [Fact]
    public void AgentRequestPaysTheSameFee()
    {
        var request = RequestBuilder.Disclosure().By(RequesterType.VoluntaryAgent).Build();

        Assert.Equal(1_000, request.FeeDueYen);
    }
}
