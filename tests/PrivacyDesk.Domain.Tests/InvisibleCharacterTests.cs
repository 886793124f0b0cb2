using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Domain.Tests;

/// <summary>Bidirectional and zero-width characters: refused in names and addresses, removed from free text.</summary>
public class InvisibleCharacterTests
{
    [Theory]
    [InlineData("\u202A")] // LRE
    [InlineData("\u202B")] // RLE
    [InlineData("\u202C")] // PDF
    [InlineData("\u202D")] // LRO
    [InlineData("\u202E")] // RLO
    [InlineData("\u2066")] // LRI
    [InlineData("\u2067")] // RLI
    [InlineData("\u2068")] // FSI
    [InlineData("\u2069")] // PDI
    [InlineData("\u200B")] // zero-width space
    [InlineData("\u200C")] // ZWNJ
    [InlineData("\u200D")] // ZWJ
    [InlineData("\u200E")] // LRM
    [InlineData("\u200F")] // RLM
    [InlineData("\u2060")] // word joiner
    [InlineData("\uFEFF")] // BOM / zero-width no-break space
    [InlineData("\u061C")] // Arabic letter mark
    [InlineData("\u00AD")] // soft hyphen
    [InlineData("\U000E0041")] // tag letter (outside the BMP)
    public void Each_invisible_formatting_character_is_found_and_removed(string invisible)
    {
        var text = $"日吉{invisible}太郎";

        Assert.True(JapaneseText.HasInvisibleControls(text));
        Assert.Equal("日吉太郎", JapaneseText.RemoveInvisibleControls(text));
    }

    [Theory]
    [InlineData("山田 花子")]
    [InlineData("髙橋　ﾊﾅｺ")]
    [InlineData("葛\U000E0100城")] // 異体字 with an ideographic variation selector (a mark, not a control)
    [InlineData("O'Brien-Smith")]
    [InlineData("")]
    public void Ordinary_names_have_none(string name)
    {
        Assert.False(JapaneseText.HasInvisibleControls(name));
        Assert.Equal(name, JapaneseText.RemoveInvisibleControls(name));
    }

    [Fact]
    public void The_reported_payload_comes_out_as_it_reads()
    {
        Assert.Equal("日吉evil", JapaneseText.NormalizeFreeText(" 日吉\u202e\u2066evil\u2069 "));
        Assert.Equal("一行目\n二行目\n三行目", JapaneseText.RemoveInvisibleControls("一行目\u2028二行目\u2029三行目"));
    }

    [Theory]
    [InlineData("日吉\u202e\u2066evil\u2069", "ヒヨシ", "新宿区", "新宿6-24-20")]
    [InlineData("日吉 太郎", "ヒヨシ\u200bタロウ", "新宿区", "新宿6-24-20")]
    [InlineData("日吉 太郎", "ヒヨシ タロウ", "新宿\ufeff区", "新宿6-24-20")]
    [InlineData("日吉 太郎", "ヒヨシ タロウ", "新宿区", "新宿\u20606-24-20")]
    public void A_person_with_one_in_a_name_or_address_is_refused_in_Japanese(string name, string kana, string city, string addressLine)
    {
        var error = Assert.Throws<DomainRuleException>(() => new Person(
            PartyRole.Principal, name, kana, new DateOnly(1990, 2, 14), "160-0022", "東京都", city, addressLine, "03-5285-1771", null));

        Assert.Equal("person.invisibleCharacters", error.Code);
        Assert.Contains("目に見えない制御文字", error.Japanese, StringComparison.Ordinal);
    }

    [Fact]
    public void Free_text_of_a_request_is_stored_without_them()
    {
        var details = RequestBuilder.CorrectionDetails with
        {
            DataDescription = "利用履歴\u202e\u2066evil\u2069の内容\u200b",
            CurrentContent = "\ufeff新宿1-1-1",
            CorrectContent = "新宿\u200d6-24-20",
        };

        var request = RequestBuilder.Correction().WithDetails(details).Build();

        Assert.Equal("利用履歴evilの内容", request.DataDescription);
        Assert.Equal("新宿1-1-1", request.CurrentContent);
        Assert.Equal("新宿6-24-20", request.CorrectContent);
    }

    [Fact]
    public void A_description_of_nothing_but_invisible_characters_is_empty()
    {
        var details = RequestBuilder.DisclosureDetails with { DataDescription = "\u200b\u202e\ufeff" };

        var error = Assert.Throws<DomainRuleException>(() => RequestBuilder.Disclosure().WithDetails(details).Build());

        Assert.Equal("details.description", error.Code);
    }
}
