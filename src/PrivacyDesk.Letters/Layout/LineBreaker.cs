namespace PrivacyDesk.Letters.Layout;

/// <summary>Measures text in points for one font at one size. Implementations cache per character.</summary>
public interface ITextMeasurer
{
    double Width(char ch);

    double Width(ReadOnlySpan<char> text)
    {
        var total = 0d;
        foreach (var ch in text)
        {
            total += Width(ch);
        }

        return total;
    }
}

/// <summary>
/// The Japanese line-breaking rules (禁則処理, after JIS X 4051): characters that may not start a line and characters
/// that may not end one.
/// </summary>
public static class Kinsoku
{
    /// <summary>行頭禁則: closing brackets, punctuation, the long-vowel mark, iteration marks and small kana.</summary>
    public const string NoLineStart =
        "、。，．,.・：；:;？！?!‼⁇⁈⁉）］｝〕〉》」』】〙〗〟’”｠»)]}" +
        "ー‐゠–〜～ヽヾゝゞ々〻" +
        "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ" +
        "％%℃°′″";

    /// <summary>行末禁則: opening brackets and the marks that belong to the number after them (〒, ¥).</summary>
    public const string NoLineEnd = "（［｛〔〈《「『【〘〖〝‘“｟«([{〒¥￥＄$＃#";

    private static readonly bool[] NoStartTable = Table(NoLineStart);
    private static readonly bool[] NoEndTable = Table(NoLineEnd);

    public static bool MayNotStartLine(char ch) => NoStartTable[ch];

    public static bool MayNotEndLine(char ch) => NoEndTable[ch];

    private static bool[] Table(string chars)
    {
        var table = new bool[char.MaxValue + 1];
        foreach (var ch in chars)
        {
            table[ch] = true;
        }

        return table;
    }
}

/// <summary>
/// Breaks Japanese text into lines that fit a width. Japanese may break between almost any two characters, except
/// where kinsoku forbids it; runs of ASCII without spaces (email addresses, URLs, reference numbers such as
/// PD-2026-000123, amounts such as 1,000) are kept whole, and broken only when a run alone is wider than the line.
/// Spaces are break opportunities and disappear at a line break. Explicit line feeds start a new line.
/// </summary>
public static class LineBreaker
{
    public static IReadOnlyList<string> Break(string text, double maxWidth, ITextMeasurer measure)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWidth);
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            BreakParagraph(paragraph, maxWidth, measure, lines);
        }

        return lines;
    }

    private static void BreakParagraph(string text, double maxWidth, ITextMeasurer measure, List<string> lines)
    {
        if (text.Length == 0)
        {
            lines.Add(string.Empty);
            return;
        }

        var start = 0;
        while (start < text.Length)
        {
            var end = FitEnd(text, start, maxWidth, measure);
            lines.Add(text[start..end].TrimEnd(' '));
            start = end;

            // An ASCII space that caused the break is not carried to the next line.
            while (start < text.Length && text[start] == ' ')
            {
                start++;
            }
        }
    }

    /// <summary>The end (exclusive) of the line that starts at <paramref name="start"/>.</summary>
    private static int FitEnd(string text, int start, double maxWidth, ITextMeasurer measure)
    {
        // How far the characters fit, ignoring trailing spaces (they may hang past the margin).
        var width = 0d;
        var fit = start;
        while (fit < text.Length)
        {
            var w = measure.Width(text[fit]);
            if (width + w > maxWidth && text[fit] != ' ')
            {
                break;
            }

            width += w;
            fit++;
        }

        if (fit >= text.Length)
        {
            return text.Length;
        }

        // Walk back from the first character that does not fit to the last position where a break is allowed.
        for (var candidate = fit; candidate > start; candidate--)
        {
            if (CanBreakAt(text, candidate))
            {
                return candidate;
            }
        }

        // No allowed break on this line (one long ASCII run, or a run of closing marks): break where it overflows, but
        // prefer a position inside an ASCII run just after a separator such as / . @ - so that a URL splits readably.
        for (var candidate = fit; candidate > start + (fit - start) / 2; candidate--)
        {
            if (IsAsciiWord(text[candidate - 1]) && IsAsciiWord(text[candidate]) && "/.@-_?&=".Contains(text[candidate - 1], StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        return Math.Max(fit, start + 1);
    }

    /// <summary>Whether a line may end before <c>text[index]</c>.</summary>
    internal static bool CanBreakAt(string text, int index)
    {
        if (index <= 0 || index >= text.Length)
        {
            return true;
        }

        var before = text[index - 1];
        var after = text[index];
        if (after == ' ' || before == ' ')
        {
            // A space is always a break opportunity, whatever is around it (the space itself disappears).
            return after == ' ' ? !Kinsoku.MayNotEndLine(PreviousNonSpace(text, index)) : true;
        }

        if (IsAsciiWord(before) && IsAsciiWord(after))
        {
            return false;
        }

        if (Kinsoku.MayNotStartLine(after) || Kinsoku.MayNotEndLine(before))
        {
            return false;
        }

        // Keep repeated dashes and leaders (――, ……) together.
        return !(before == after && before is '―' or '…' or '‥');
    }

    private static char PreviousNonSpace(string text, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            if (text[i] != ' ')
            {
                return text[i];
            }
        }

        return ' ';
    }

    /// <summary>Printable ASCII other than the space: the characters of a run kept whole.</summary>
    private static bool IsAsciiWord(char ch) => ch is > ' ' and <= '~';
}
