using PrivacyDesk.Domain.Fees.BankFiles;

namespace PrivacyDesk.Domain.Tests;

public class FeeMatcherTests
{
    private static readonly DateOnly Day = new(2026, 12, 4);
    private static readonly Guid Hanako1 = Guid.NewGuid();
    private static readonly Guid Hanako2 = Guid.NewGuid();
    private static readonly Guid Jiro = Guid.NewGuid();
    private static readonly Guid Shoji = Guid.NewGuid();
    private static readonly Guid Paid = Guid.NewGuid();

    private static FeeMatcher Matcher(bool twoForHanako = false)
    {
        List<FeeAccount> accounts =
        [
            new(Hanako1, "PD-2026-000123", "ヤマダハナコ", 1_000, 0),
            new(Jiro, "PD-2026-000200", "サトウジロウ", 1_000, 0),
            new(Shoji, "PD-2026-000300", "ヤマダシヨウジ", 1_000, 0),
            new(Paid, "PD-2026-000400", "タナカケン", 1_000, 1_000),
        ];
        if (twoForHanako)
        {
            accounts.Add(new(Hanako2, "PD-2026-000124", "ヤマダハナコ", 1_000, 0));
        }

        return new FeeMatcher(accounts);
    }

    private static BankCredit Credit(string payer, long amount, int sequence = 1) =>
        new("0005-123-1-1234567", Day, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), amount, payer, 2);

    [Theory]
    [InlineData("2026000123 ﾔﾏﾀﾞ ﾊﾅｺ")]
    [InlineData("２０２６０００１２３　ﾔﾏﾀﾞ ﾊﾅｺ")]
    [InlineData("2026-000123ﾔﾏﾀﾞﾊﾅｺ")]
    [InlineData("2026 000123 ｽｽﾞｷ")]
    [InlineData("２０２６ｰ０００１２３ ﾔﾏﾀﾞ")]
    public void ReferenceDigitsMatchInAnyWidthWithOrWithoutSeparatorsWhateverTheName(string payer)
    {
        var match = Matcher().Match(Credit(payer, 1_000));

        Assert.Equal(MatchBasis.Reference, match.Basis);
        Assert.Equal([new FeeAllocation(Hanako1, 1_000)], match.Allocations);
        Assert.Equal(0, match.OverpaidYen);
    }

    [Theory]
    [InlineData("2026000123 2026000124 ﾔﾏﾀﾞ ﾊﾅｺ")]
    [InlineData("20260001232026000124ﾔﾏﾀﾞ")]
    public void OneTransferPaysTwoRequests(string payer)
    {
        var match = Matcher(twoForHanako: true).Match(Credit(payer, 2_000));

        Assert.Equal(MatchBasis.Reference, match.Basis);
        Assert.Equal([new FeeAllocation(Hanako1, 1_000), new FeeAllocation(Hanako2, 1_000)], match.Allocations);
    }

    [Fact]
    public void AnOverpaymentIsShownNotAbsorbed()
    {
        var match = Matcher().Match(Credit("2026000123 ﾔﾏﾀﾞ ﾊﾅｺ", 1_500));

        Assert.True(match.IsMatched);
        Assert.Equal(500, match.OverpaidYen);
        Assert.Equal([new FeeAllocation(Hanako1, 1_500)], match.Allocations);
    }

    [Fact]
    public void TooLittleForTheReferencedRequestsIsLeftForStaff()
    {
        var match = Matcher(twoForHanako: true).Match(Credit("2026000123 2026000124 ﾔﾏﾀﾞ", 1_000));

        Assert.False(match.IsMatched);
        Assert.Equal(UnmatchedReason.AmountShort, match.Reason);
        Assert.Equal([Hanako1, Hanako2], match.Candidates);
    }

    [Fact]
    public void ASecondCreditForAPaidRequestIsAnOverpaymentLeftForStaff()
    {
        var matcher = Matcher();
        var first = matcher.Match(Credit("2026000123 ﾔﾏﾀﾞ ﾊﾅｺ", 1_000, 1));
        var second = matcher.Match(Credit("2026000123 ﾔﾏﾀﾞ ﾊﾅｺ", 1_000, 2));
        var paidBefore = matcher.Match(Credit("2026000400 ﾀﾅｶ ｹﾝ", 1_000, 3));

        Assert.True(first.IsMatched);
        Assert.Equal(UnmatchedReason.AlreadyPaid, second.Reason);
        Assert.Equal(UnmatchedReason.AlreadyPaid, paidBefore.Reason);
    }

    [Theory]
    [InlineData("ﾔﾏﾀﾞ ﾊﾅｺ")]
    [InlineData("ﾔﾏﾀﾞﾊﾅｺ")]
    [InlineData("やまだ　はなこ")]
    [InlineData("ヤマダ　ハナコ")]
    public void ANameOnlyMatchNeedsTheNameAndTheAmount(string payer)
    {
        var match = Matcher().Match(Credit(payer, 1_000));

        Assert.Equal(MatchBasis.Name, match.Basis);
        Assert.Equal([new FeeAllocation(Hanako1, 1_000)], match.Allocations);
        Assert.False(Matcher().Match(Credit(payer, 700)).IsMatched);
    }

    [Theory]
    [InlineData("ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ")]
    [InlineData("ﾔﾏﾀﾞｼﾖｳｼﾞ(ｶ")]
    [InlineData("ﾔﾏﾀﾞｼｮｳｼﾞ ｶﾌﾞｼｷｶﾞｲｼﾔ")]
    [InlineData("ｶﾌﾞｼｷｶﾞｲｼｬ ﾔﾏﾀﾞｼﾖｳｼﾞ")]
    public void CorporateFormSmallKanaAndLongVowelsAreNoise(string payer)
    {
        var match = Matcher().Match(Credit(payer, 1_000));

        Assert.Equal(MatchBasis.Name, match.Basis);
        Assert.Equal(Shoji, Assert.Single(match.Allocations).RequestId);
    }

    [Fact]
    public void TwoRequestsUnderOneNamePaidTogetherByName()
    {
        var match = Matcher(twoForHanako: true).Match(Credit("ﾔﾏﾀﾞ ﾊﾅｺ", 2_000));

        Assert.Equal(MatchBasis.Name, match.Basis);
        Assert.Equal([Hanako1, Hanako2], match.Allocations.Select(a => a.RequestId));
    }

    [Fact]
    public void OneFeeUnderANameWithTwoUnpaidRequestsIsAmbiguous()
    {
        var match = Matcher(twoForHanako: true).Match(Credit("ﾔﾏﾀﾞ ﾊﾅｺ", 1_000));

        Assert.False(match.IsMatched);
        Assert.Equal(UnmatchedReason.Ambiguous, match.Reason);
        Assert.Equal([Hanako1, Hanako2], match.Candidates);
    }

    [Fact]
    public void AnUnknownPayerIsUnmatched()
    {
        var match = Matcher().Match(Credit("ﾀｶﾊｼ ﾐｷ", 1_000));

        Assert.False(match.IsMatched);
        Assert.Equal(UnmatchedReason.NoCandidate, match.Reason);
        Assert.Empty(match.Candidates);
    }

    [Fact]
    public void DigitsThatAreNoKnownReferenceFallBackToTheName()
    {
        var match = Matcher().Match(Credit("2026999999 ｻﾄｳ ｼﾞﾛｳ", 1_000));

        Assert.Equal(MatchBasis.Name, match.Basis);
        Assert.Equal(Jiro, Assert.Single(match.Allocations).RequestId);
    }

    [Theory]
    [InlineData("ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ", "ヤマダシヨウジ")]
    [InlineData("ﾕ)ｻﾄｳﾃﾝ", "サトウテン")]
    [InlineData("2026000123 ﾔﾏﾀﾞ ﾊﾅｺ", "ヤマダハナコ")]
    [InlineData("ｻﾄｰ ﾕｰｺ", "サトユコ")]
    public void PayerKeys(string payer, string key) => Assert.Equal(key, FeeMatcher.PayerKey(payer));
}
