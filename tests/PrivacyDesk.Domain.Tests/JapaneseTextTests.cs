using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Domain.Tests;

public class JapaneseTextTests
{
    // ---- Kana -----------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("やまだ たろう", "ヤマダ タロウ")] // hiragana → katakana
    [InlineData("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ タロウ")] // half-width kana, dakuten composed
    [InlineData("ﾊﾟｸ ｼﾞｭﾝﾎﾟ", "パク ジュンポ")] // handakuten and small kana
    [InlineData("ヤマダ　タロウ", "ヤマダ タロウ")] // full-width space
    [InlineData("　やまだ　　　たろう　", "ヤマダ タロウ")] // spaces collapsed and trimmed
    [InlineData("すずき　ゔぃ", "スズキ ヴィ")] // ゔ → ヴ (U+3094 → U+30F4)
    [InlineData("ゕゖ", "ヵヶ")] // the last hiragana, U+3095 and U+3096
    [InlineData("ｽｽﾞｷ ｲﾁﾛｰ", "スズキ イチロー")] // half-width long vowel mark
    [InlineData("ヤマダ タロウ", "ヤマダ タロウ")] // already canonical
    public void NormalizeKana(string input, string expected)
    {
        Assert.Equal(expected, JapaneseText.NormalizeKana(input));
    }

    [Fact]
    public void NormalizeKanaLeavesKanjiAndAsciiAlone()
    {
        Assert.Equal("山田 Taro", JapaneseText.NormalizeKana("山田　Ｔａｒｏ"));
    }

    [Theory]
    [InlineData("ヤマダ タロウ", true)]
    [InlineData("スズキ イチロー", true)]
    [InlineData("スミス・ジョン", true)]
    [InlineData("ヴァン", true)]
    [InlineData("やまだ", false)]
    [InlineData("山田", false)]
    [InlineData("ﾔﾏﾀﾞ", false)] // half-width must be normalised first
    [InlineData("ヤマダ1", false)]
    [InlineData("Yamada", false)]
    [InlineData("", false)]
    public void IsKatakana(string value, bool expected)
    {
        Assert.Equal(expected, JapaneseText.IsKatakana(value));
    }

    [Fact]
    public void NormalisedInputIsKatakana()
    {
        Assert.True(JapaneseText.IsKatakana(JapaneseText.NormalizeKana("ｻﾄｳ　はなこ")));
    }

    [Theory]
    [InlineData("ジョウ", "ジヨウ")]
    [InlineData("ｼﾞｮｳ", "ジヨウ")]
    [InlineData("じょう", "ジヨウ")]
    [InlineData("キャット", "キヤツト")]
    [InlineData("ヤマダ　タロウ", "ヤマダタロウ")]
    [InlineData("スミス・ジョン", "スミスジヨン")]
    [InlineData("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")]
    [InlineData("ヴィヴァルディ", "ヴイヴアルデイ")] // ヴ is kept
    [InlineData("イチロー", "イチロー")] // long vowel mark is kept
    public void SearchKey(string input, string expected)
    {
        Assert.Equal(expected, JapaneseText.SearchKey(input));
    }

    [Fact]
    public void SearchKeyMatchesTheSameNameTypedDifferently()
    {
        Assert.Equal(JapaneseText.SearchKey("ジョウ ケンタ"), JapaneseText.SearchKey("ｼﾞﾖｳｹﾝﾀ"));
        Assert.NotEqual(JapaneseText.SearchKey("ジョウ ケンタ"), JapaneseText.SearchKey("ショウ ケンタ"));
    }

    [Theory]
    [InlineData("山田　　太郎", "山田 太郎")]
    [InlineData(" 髙橋　一郎 ", "髙橋 一郎")]
    [InlineData("ＳＭＩＴＨ　John", "SMITH John")]
    public void NormalizeName(string input, string expected)
    {
        Assert.Equal(expected, JapaneseText.NormalizeName(input));
    }

    [Fact]
    public void ToHalfWidthConvertsFullWidthAscii()
    {
        Assert.Equal("ABC-0123", JapaneseText.ToHalfWidth("ＡＢＣ－０１２３"));
    }

    // ---- 〒 -------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("160-0022", "160-0022")]
    [InlineData("1600022", "160-0022")]
    [InlineData("〒160-0022", "160-0022")]
    [InlineData("〒 160-0022 ", "160-0022")]
    [InlineData("１６０－００２２", "160-0022")]
    [InlineData("〒１６０００２２", "160-0022")]
    [InlineData("160ー0022", "160-0022")] // katakana long vowel mark typed as a dash
    [InlineData("160−0022", "160-0022")] // minus sign
    public void PostalCodeIsNormalised(string input, string expected)
    {
        Assert.Equal(expected, PostalCode.Normalize(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("160-002")]
    [InlineData("16000222")]
    [InlineData("16-00022")]
    [InlineData("160--0022")]
    [InlineData("abc-defg")]
    [InlineData("〒")]
    [InlineData("東京都新宿区")]
    public void BadPostalCodeIsNull(string? input)
    {
        Assert.Null(PostalCode.Normalize(input));
    }

    // ---- Telephone ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("03-1234-5678", "03-1234-5678")]
    [InlineData("0312345678", "03-1234-5678")]
    [InlineData("06-1234-5678", "06-1234-5678")]
    [InlineData("0612345678", "06-1234-5678")]
    [InlineData("045-123-4567", "045-123-4567")]
    [InlineData("0451234567", "045-123-4567")]
    [InlineData("0995-12-3456", "0995-12-3456")] // member's own grouping is kept
    [InlineData("090-1234-5678", "090-1234-5678")]
    [InlineData("09012345678", "090-1234-5678")]
    [InlineData("08012345678", "080-1234-5678")]
    [InlineData("07012345678", "070-1234-5678")]
    [InlineData("05012345678", "050-1234-5678")]
    [InlineData("0120123456", "0120-123-456")]
    [InlineData("0120-123-456", "0120-123-456")]
    [InlineData("08001234567", "0800-123-4567")]
    [InlineData("０３－１２３４－５６７８", "03-1234-5678")]
    [InlineData("０９０１２３４５６７８", "090-1234-5678")]
    [InlineData("090ー1234ー5678", "090-1234-5678")]
    [InlineData("03 1234 5678", "03-1234-5678")]
    [InlineData("03　1234　5678", "03-1234-5678")]
    [InlineData(" 03-5285-1771 ", "03-5285-1771")]
    public void PhoneNumberIsNormalised(string input, string expected)
    {
        Assert.Equal(expected, PhoneNumber.Normalize(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("03-1234-567")] // 9 digits
    [InlineData("031234567")]
    [InlineData("03-1234-56789")] // 11 digits, not a mobile
    [InlineData("03123456789")] // the same without hyphens
    [InlineData("012012345678")] // 12 digits
    [InlineData("01201234567")] // free dial has 10 digits
    [InlineData("3-1234-5678")] // no leading 0
    [InlineData("+81-3-1234-5678")]
    [InlineData("03-1234-5678-9")] // four parts
    [InlineData("03--12345678")] // empty part
    [InlineData("03-1234-567８a")]
    public void BadPhoneNumberIsNull(string? input)
    {
        Assert.Null(PhoneNumber.Normalize(input));
    }

    // ---- 和暦 and JST ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2026, 11, 29, "令和8年11月29日")]
    [InlineData(2019, 5, 1, "令和元年5月1日")] // .NET prints the first year of an era as 元年
    [InlineData(2019, 4, 30, "平成31年4月30日")]
    [InlineData(2020, 1, 1, "令和2年1月1日")]
    [InlineData(1989, 1, 8, "平成元年1月8日")]
    [InlineData(1989, 1, 7, "昭和64年1月7日")]
    public void ToWareki(int year, int month, int day, string expected)
    {
        Assert.Equal(expected, JapaneseText.ToWareki(new DateOnly(year, month, day)));
    }

    [Theory]
    [InlineData(2026, 11, 29, 14, 59, 2026, 11, 29)] // 23:59 JST
    [InlineData(2026, 11, 29, 15, 0, 2026, 11, 30)] // 00:00 JST the next day
    [InlineData(2026, 12, 31, 15, 30, 2027, 1, 1)] // New Year in Japan, still 31 December in UTC
    public void JstDateUsesJapanStandardTime(int y, int mo, int d, int h, int mi, int ey, int em, int ed)
    {
        var instant = new DateTimeOffset(y, mo, d, h, mi, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(ey, em, ed), JapaneseText.JstDate(instant));
    }

    [Fact]
    public void JstHasNoDaylightSaving()
    {
        Assert.Equal(TimeSpan.FromHours(9), JapaneseText.Jst.GetUtcOffset(new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(TimeSpan.FromHours(9), JapaneseText.Jst.GetUtcOffset(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData("佐藤 陽子", "佐藤")]
    [InlineData("佐藤　陽子", "佐藤")] // full-width space
    [InlineData("  佐藤   陽子 ", "佐藤")]
    [InlineData("ＳＭＩＴＨ Ｊｏｈｎ", "SMITH")] // full-width letters to half width
    [InlineData("佐藤陽子", "佐藤陽子")] // no space: the whole name is the family key
    [InlineData("𠮷田 太郎", "𠮷田")]
    public void FamilyNameKeyIsTheNormalisedPartBeforeTheFirstSpace(string fullName, string expected) =>
        Assert.Equal(expected, JapaneseText.FamilyNameKey(fullName));

    [Theory]
    [InlineData("ジョウノウチ ハナコ", "ジヨウノウチ")]
    [InlineData("じょうのうち　はなこ", "ジヨウノウチ")]
    [InlineData("ｼﾞｮｳﾉｳﾁ ﾊﾅｺ", "ジヨウノウチ")]
    [InlineData("スミス・ジョーンズ ジョン", "スミスジヨーンズ")]
    [InlineData("サトウヨウコ", "サトウヨウコ")]
    public void FamilyKanaKeyIsTheSearchKeyOfThePartBeforeTheFirstSpace(string kana, string expected) =>
        Assert.Equal(expected, JapaneseText.FamilyKanaKey(kana));

    [Fact]
    public void TheFamilyKeysArePrefixesOfTheWholeKeys()
    {
        // The queue falls back from the family key to a prefix of the whole key; both must agree on the family part.
        Assert.StartsWith(JapaneseText.FamilyNameKey("城之内 花子"), JapaneseText.NameKey("城之内 花子"), StringComparison.Ordinal);
        Assert.StartsWith(JapaneseText.FamilyKanaKey("ジョウノウチ ハナコ"), JapaneseText.SearchKey("ジョウノウチ ハナコ"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_jst_day_starts_at_15_00_utc_the_day_before_and_contains_its_own_instants()
    {
        var start = JapaneseText.JstDayStart(new DateOnly(2026, 12, 1));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(TimeSpan.Zero, start.Offset);
        Assert.Equal(new DateOnly(2026, 12, 1), JapaneseText.JstDate(start));
        Assert.Equal(new DateOnly(2026, 11, 30), JapaneseText.JstDate(start.AddTicks(-1)));
        Assert.Equal(start.AddDays(1), JapaneseText.JstDayStart(new DateOnly(2026, 12, 2)));
    }
}
