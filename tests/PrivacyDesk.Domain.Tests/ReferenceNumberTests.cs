using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Tests;

public class ReferenceNumberTests
{
    [Theory]
    [InlineData(2026, 123, "PD-2026-000123")]
    [InlineData(2026, 1, "PD-2026-000001")]
    [InlineData(2000, 999_999, "PD-2000-999999")]
    [InlineData(2027, 1_234_567, "PD-2027-1234567")]
    public void Format(int year, long sequence, string expected)
    {
        Assert.Equal(expected, ReferenceNumber.Format(year, sequence));
    }

    [Theory]
    [InlineData(1999, 1)]
    [InlineData(2026, 0)]
    [InlineData(2026, -5)]
    public void FormatRefusesImpossibleNumbers(int year, long sequence)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReferenceNumber.Format(year, sequence));
    }

    [Theory]
    [InlineData("PD-2026-000123")]
    [InlineData("pd-2026-000123")]
    [InlineData(" PD-2026-000123 ")]
    [InlineData("PD2026000123")]
    [InlineData("PD 2026 000123")]
    [InlineData("ＰＤ－２０２６－０００１２３")]
    [InlineData("ｐｄ２０２６０００１２３")]
    [InlineData("PD−2026−000123")] // minus sign
    [InlineData("PDー2026ー000123")] // katakana long vowel mark
    [InlineData("PD–2026—000123")] // en and em dash
    public void NormalizeAcceptsWhatMembersType(string input)
    {
        Assert.Equal("PD-2026-000123", ReferenceNumber.Normalize(input));
    }

    [Fact]
    public void NormalizeKeepsLongSequences()
    {
        Assert.Equal("PD-2026-1234567", ReferenceNumber.Normalize("pd 2026 1234567"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("PD-2026-123")] // sequence too short
    [InlineData("PD-26-000123")] // two-digit year
    [InlineData("XX-2026-000123")]
    [InlineData("2026-000123")]
    [InlineData("PD-2026-000123-1")]
    [InlineData("PD-2026-0001234567")] // ten digits
    [InlineData("PD-1999-000123")] // before the first possible year
    [InlineData("PD-0000-000123")]
    [InlineData("PD-2026-000000")] // sequence starts at 1
    public void NormalizeReturnsNullForAnythingElse(string? input)
    {
        Assert.Null(ReferenceNumber.Normalize(input));
    }

    [Fact]
    public void FormattedNumberNormalisesToItself()
    {
        var number = ReferenceNumber.Format(2026, 42);

        Assert.Equal(number, ReferenceNumber.Normalize(number));
    }
}

public class AccessTokenTests
{
    [Fact]
    public void TokenIsUrlSafeAndCarries192Bits()
    {
        // Many tokens, so that the base64 characters '+' and '/' (and '=' padding) would certainly show up if not replaced.
        var tokens = Enumerable.Range(0, 100).Select(_ => AccessToken.Create()).ToArray();

        Assert.All(tokens, token => Assert.Matches("^[A-Za-z0-9_-]{32}$", token));
        Assert.Contains(tokens, token => token.Contains('-', StringComparison.Ordinal));
        Assert.Contains(tokens, token => token.Contains('_', StringComparison.Ordinal));
    }

    [Fact]
    public void TokensAreNotRepeated()
    {
        var tokens = Enumerable.Range(0, 200).Select(_ => AccessToken.Create()).ToHashSet();

        Assert.Equal(200, tokens.Count);
    }

    [Fact]
    public void HashIsLowerCaseSha256Hex()
    {
        // SHA-256 of the ASCII text "abc".
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", AccessToken.Hash("abc"));
    }

    [Fact]
    public void HashIgnoresSurroundingWhitespace()
    {
        Assert.Equal(AccessToken.Hash("abc"), AccessToken.Hash("  abc\n"));
        Assert.NotEqual(AccessToken.Hash("abc"), AccessToken.Hash("abd"));
    }

    [Fact]
    public void HashDoesNotContainTheToken()
    {
        var token = AccessToken.Create();

        Assert.DoesNotContain(token, AccessToken.Hash(token), StringComparison.Ordinal);
    }

    [Fact]
    public void MatchesTheTokenItWasMadeFrom()
    {
        var token = AccessToken.Create();
        var stored = AccessToken.Hash(token);

        Assert.True(AccessToken.Matches(token, stored));
        Assert.True(AccessToken.Matches($" {token} ", stored));
    }

    [Fact]
    public void DoesNotMatchAnotherToken()
    {
        var stored = AccessToken.Hash(AccessToken.Create());

        Assert.False(AccessToken.Matches(AccessToken.Create(), stored));
    }

    [Fact]
    public void TokenIsCaseSensitive()
    {
        const string token = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";

        Assert.False(AccessToken.Matches(token.ToUpperInvariant(), AccessToken.Hash(token)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void EmptyTokenNeverMatches(string? token)
    {
        Assert.False(AccessToken.Matches(token, AccessToken.Hash(string.Empty)));
        Assert.False(AccessToken.Matches(token, string.Empty));
    }

    [Fact]
    public void MalformedStoredHashDoesNotMatch()
    {
        const string token = "member-token";
        var stored = AccessToken.Hash(token);

        Assert.False(AccessToken.Matches(token, stored[..32]));
        Assert.False(AccessToken.Matches(token, token));
    }

    [Theory]
    [InlineData("PD-2026-000123", "2026000123")]
    [InlineData("PD-2027-123456", "2027123456")]
    public void TransferDigitsAreTheDigitsOfTheReferenceNumber(string reference, string expected) =>
        Assert.Equal(expected, ReferenceNumber.TransferDigits(reference));
}
