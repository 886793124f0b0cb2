using PrivacyDesk.Letters.Layout;

namespace PrivacyDesk.Letters.Tests;

/// <summary>Kinsoku line breaking with a fixed-pitch measure: full-width characters 1 wide, ASCII 0.5 wide.</summary>
public sealed class LineBreakerTests
{
    private sealed class FixedPitch : ITextMeasurer
    {
        public double Width(char ch) => ch <= '~' ? 0.5 : 1;
    }

    private static readonly ITextMeasurer Measure = new FixedPitch();

    private static IReadOnlyList<string> Break(string text, double width) => LineBreaker.Break(text, width, Measure);

    [Fact]
    public void Japanese_breaks_between_any_two_characters_at_the_width()
    {
        Assert.Equal(["あいうえ", "おかきく", "け"], Break("あいうえおかきくけ", 4));
    }

    [Theory]
    [InlineData("あいう。えお", "あい", "う。えお")]      // 。 may not start a line: う moves down with it
    [InlineData("あいう、えお", "あい", "う、えお")]
    [InlineData("あいう）えお", "あい", "う）えお")]
    [InlineData("あいう」えお", "あい", "う」えお")]
    [InlineData("あいう』えお", "あい", "う』えお")]
    [InlineData("あいう】えお", "あい", "う】えお")]
    [InlineData("あいう・えお", "あい", "う・えお")]
    [InlineData("あいうーえお", "あい", "うーえお")]
    [InlineData("あいうっえお", "あい", "うっえお")]
    [InlineData("カタカャえお", "カタ", "カャえお")]
    [InlineData("あいう々えお", "あい", "う々えお")]
    public void A_prohibited_character_never_starts_a_line(string text, string first, string second)
    {
        var lines = Break(text, 3);
        Assert.Equal(first, lines[0]);
        Assert.StartsWith(second[..2], lines[1], StringComparison.Ordinal);
        Assert.Equal(text, string.Concat(lines));
    }

    [Theory]
    [InlineData("あい（うえお")]
    [InlineData("あい「うえお")]
    [InlineData("あい『うえお")]
    [InlineData("あい【うえお")]
    [InlineData("あい〒うえお")]
    public void An_opening_bracket_never_ends_a_line(string text)
    {
        var lines = Break(text, 3);
        Assert.Equal("あい", lines[0]);
        Assert.Equal(text[2], lines[1][0]);
        Assert.All(lines, line => Assert.False(Kinsoku.MayNotEndLine(line[^1]), $"line ends with {line[^1]}"));
    }

    [Fact]
    public void Consecutive_closing_marks_all_stay_off_the_line_start()
    {
        var lines = Break("あいうえ」。お", 4);
        Assert.All(lines, line => Assert.False(Kinsoku.MayNotStartLine(line[0]), $"line starts with {line[0]}"));
        Assert.Equal("あいうえ」。お", string.Concat(lines));
    }

    [Theory]
    [InlineData("PD-2026-000123")]
    [InlineData("hanako.yamada@example.jp")]
    [InlineData("https://example.jp/a/b")]
    [InlineData("1,000")]
    public void An_ascii_run_is_kept_whole_and_moves_to_the_next_line(string run)
    {
        var text = "受付番号は" + run + "です。";
        var lines = Break(text, 12);
        Assert.Contains(lines, line => line.Contains(run, StringComparison.Ordinal));
        Assert.Equal(text, string.Concat(lines));
    }

    [Fact]
    public void An_ascii_run_longer_than_the_line_is_broken_to_fit()
    {
        var url = "https://privacy.example.coop/requests/status/with/a/very/long/path";
        var lines = Break(url, 10);
        Assert.True(lines.Count > 1);
        Assert.All(lines, line => Assert.True(Measure.Width(line.AsSpan()) <= 10, $"\"{line}\" is wider than 10"));
        Assert.Equal(url, string.Concat(lines));

        // It breaks after a separator (/ . @ -) where one is in the second half of the line.
        Assert.Contains(lines[0][^1], "/.@-");
    }

    [Fact]
    public void Spaces_are_break_opportunities_and_vanish_at_the_break()
    {
        Assert.Equal(["alpha beta", "gamma delta"], Break("alpha beta gamma delta", 6));
        Assert.Equal(["alpha", "beta", "gamma", "delta"], Break("alpha beta gamma delta", 3));
    }

    [Fact]
    public void Line_feeds_start_new_lines_and_empty_lines_are_kept()
    {
        Assert.Equal(["あい", string.Empty, "う"], Break("あい\n\nう", 10));
        Assert.Equal(["あい", "う"], Break("あい\r\nう", 10));
    }

    [Fact]
    public void No_line_is_wider_than_the_limit_except_where_nothing_can_move()
    {
        var text = string.Concat(Enumerable.Repeat("個人情報の保護に関する法律第33条第1項に基づき、（開示）「決定」をPD-2026-000123で通知します。", 5));
        foreach (var width in new[] { 5d, 7.5, 10, 17, 23 })
        {
            var lines = Break(text, width);
            Assert.Equal(text, string.Concat(lines));
            Assert.All(lines, line =>
            {
                Assert.True(Measure.Width(line.AsSpan()) <= width, $"\"{line}\" is wider than {width}");
                Assert.False(Kinsoku.MayNotStartLine(line[0]), $"\"{line}\" starts with a prohibited character");
                Assert.False(Kinsoku.MayNotEndLine(line[^1]), $"\"{line}\" ends with an opening bracket");
            });
        }
    }

    [Fact]
    public void A_line_narrower_than_one_character_still_makes_progress()
    {
        Assert.Equal(["あ", "い"], Break("あい", 0.3));
    }
}
