using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Domain.Tests;

public sealed class JapaneseDateTests
{
    [Theory]
    [InlineData("2026-12-01", 2026, 12, 1)]
    [InlineData("2026/12/1", 2026, 12, 1)]
    [InlineData("2026.12.1", 2026, 12, 1)]
    [InlineData("2026年12月1日", 2026, 12, 1)]
    [InlineData("20261201", 2026, 12, 1)]
    [InlineData("２０２６／１２／１", 2026, 12, 1)]
    [InlineData(" 2026 - 12 - 01 ", 2026, 12, 1)]
    [InlineData("令和8年12月1日", 2026, 12, 1)]
    [InlineData("令和８年１２月３１日", 2026, 12, 31)]
    [InlineData("令和 8年 12月 1日", 2026, 12, 1)]
    [InlineData("R8.12.1", 2026, 12, 1)]
    [InlineData("r8/12/1", 2026, 12, 1)]
    [InlineData("令和元年5月1日", 2019, 5, 1)]
    [InlineData("平成31年4月30日", 2019, 4, 30)]
    [InlineData("昭和33年4月1日", 1958, 4, 1)]
    [InlineData("S33.4.1", 1958, 4, 1)]
    [InlineData("昭和64年1月7日", 1989, 1, 7)]
    [InlineData("平成元年1月8日", 1989, 1, 8)]
    [InlineData("大正15年12月24日", 1926, 12, 24)]
    [InlineData("明治45年7月29日", 1912, 7, 29)]
    public void Reads_western_and_wareki_dates(string text, int year, int month, int day)
    {
        Assert.True(JapaneseDate.TryParse(text, out var date), text);
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("2026/12")]
    [InlineData("12/1/2026")]
    [InlineData("令和8年2月30日")]
    [InlineData("昭和64年1月8日")] // 平成 had begun
    [InlineData("平成31年5月1日")] // 令和 had begun
    [InlineData("令和0年1月1日")]
    [InlineData("令和元年4月30日")] // before 令和
    [InlineData("平成32年1月1日")] // 平成 ended in its 31st year
    [InlineData("天保3年1月1日")]
    [InlineData("X8.12.1")]
    [InlineData("2026-12-01T00:00")]
    public void Refuses_what_is_not_a_real_date(string? text)
    {
        Assert.False(JapaneseDate.TryParse(text, out _), text);
        Assert.Null(JapaneseDate.Parse(text));
    }

    [Theory]
    [InlineData("昭和", 33, 1958)]
    [InlineData("Ｓ", 33, 1958)]
    [InlineData("平成", 1, 1989)]
    [InlineData("令和", 8, 2026)]
    [InlineData("大正", 15, 1926)]
    public void Converts_an_era_year(string era, int eraYear, int year) =>
        Assert.Equal(year, JapaneseDate.GregorianYear(JapaneseDate.Era(era)!, eraYear));

    [Fact]
    public void An_era_has_no_year_after_its_end_and_unknown_eras_are_null()
    {
        Assert.Null(JapaneseDate.GregorianYear(JapaneseDate.Era("昭和")!, 65));
        Assert.Null(JapaneseDate.GregorianYear(JapaneseDate.Era("令和")!, 0));
        Assert.Null(JapaneseDate.Era("天保"));
        Assert.Null(JapaneseDate.Era(" "));
    }
}

public sealed class StatusCodeTests
{
    [Fact]
    public void A_status_code_has_at_least_80_bits_in_groups_of_four_without_look_alikes()
    {
        Assert.True(Requests.AccessToken.StatusCodeLength * Math.Log2(Requests.AccessToken.StatusCodeAlphabet.Length) >= 80);
        Assert.DoesNotContain(Requests.AccessToken.StatusCodeAlphabet, c => "0O1lI".Contains(c, StringComparison.Ordinal));
        var codes = Enumerable.Range(0, 200).Select(_ => Requests.AccessToken.CreateStatusCode()).ToList();
        Assert.All(codes, code => Assert.Matches("^([2-9A-HJKMNP-Z]{4}-){4}[2-9A-HJKMNP-Z]{4}$", code));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public void A_status_code_matches_in_any_case_width_and_grouping_and_an_old_token_still_matches_exactly()
    {
        var code = Requests.AccessToken.CreateStatusCode();
        var stored = Requests.AccessToken.HashStatusCode(code);
        Assert.True(Requests.AccessToken.Matches(code, stored));
        Assert.True(Requests.AccessToken.Matches(code.ToLowerInvariant(), stored));
        Assert.True(Requests.AccessToken.Matches(code.Replace("-", string.Empty, StringComparison.Ordinal), stored));
        var fullWidth = string.Concat(code.Select(c => c == '-' ? 'ー' : (char)(c + 0xFEE0)));
        Assert.True(Requests.AccessToken.Matches(fullWidth, stored));
        Assert.False(Requests.AccessToken.Matches(code[..^1], stored));

        var old = Requests.AccessToken.Create();
        var oldStored = Requests.AccessToken.Hash(old);
        Assert.True(Requests.AccessToken.Matches(old, oldStored));
        Assert.False(Requests.AccessToken.Matches(old.Length > 0 && old.Any(char.IsLower) ? old.ToUpperInvariant() : old + "x", oldStored));
    }
}
