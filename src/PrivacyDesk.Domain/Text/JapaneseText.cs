using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PrivacyDesk.Domain.Text;

/// <summary>
/// Normalisation for Japanese input: members type names and kana in full or half width, in hiragana or katakana,
/// with full-width spaces. Everything is stored in one canonical form so that search, matching and letters agree.
/// </summary>
public static partial class JapaneseText
{
    private const char HiraganaFirst = '\u3041';
    private const char HiraganaLast = '\u3096';
    private const int HiraganaToKatakana = 0x60;

    /// <summary>
    /// Whether <paramref name="value"/> holds an invisible formatting character (Unicode category Cf): the bidirectional
    /// controls (U+202A–202E, U+2066–2069, U+200E/200F, U+061C), zero-width characters (U+200B–200D, U+2060, U+FEFF),
    /// soft hyphen, tags and the like. They reorder or hide what staff read (「日吉\u202E\u2066evil\u2069」 shows
    /// reversed) and make two equal-looking names differ, so names and addresses refuse them. The variation selectors
    /// of 異体字 (U+FE00–FE0F, U+E0100–E01EF) are marks (Mn), not Cf, and stay allowed.
    /// </summary>
    public static bool HasInvisibleControls(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        foreach (var rune in value.EnumerateRunes())
        {
            if (IsInvisibleControl(rune))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Free text as stored: the invisible formatting characters of <see cref="HasInvisibleControls"/> removed, and the
    /// Unicode line and paragraph separators (U+2028/2029) turned into ordinary line breaks.
    /// </summary>
    public static string RemoveInvisibleControls(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!HasInvisibleControls(value) && value.IndexOfAny(['\u2028', '\u2029']) < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value is 0x2028 or 0x2029)
            {
                builder.Append('\n');
            }
            else if (!IsInvisibleControl(rune))
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>Free text (descriptions, reasons) in stored form: <see cref="RemoveInvisibleControls"/>, then trimmed.</summary>
    public static string NormalizeFreeText(string value) => RemoveInvisibleControls(value).Trim();

    private static bool IsInvisibleControl(Rune rune) => Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format;

    /// <summary>NFKC (half-width kana to full-width, full-width ASCII to ASCII), spaces collapsed to one.</summary>
    public static string NormalizeName(string value)
    {
        var normalized = value.Normalize(NormalizationForm.FormKC);
        return CollapseSpaces(normalized);
    }

    /// <summary>
    /// フリガナ in canonical form: NFKC, hiragana to katakana, spaces (including the full-width space) collapsed to a
    /// single ASCII space.
    /// </summary>
    public static string NormalizeKana(string value)
    {
        var normalized = value.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var ch in normalized)
        {
            builder.Append(ch is >= HiraganaFirst and <= HiraganaLast ? (char)(ch + HiraganaToKatakana) : ch);
        }

        return CollapseSpaces(builder.ToString());
    }

    /// <summary>Whether the (already normalised) value is only katakana, the long-vowel mark, middle dot and spaces.</summary>
    public static bool IsKatakana(string normalizedKana) =>
        normalizedKana.Length > 0 && KatakanaOnly().IsMatch(normalizedKana);

    /// <summary>
    /// A key for kana search and duplicate detection: canonical kana, no spaces, small kana as their large forms
    /// (ｼﾞｮｳ and ジヨウ match), and ヴ kept.
    /// </summary>
    public static string SearchKey(string value)
    {
        var kana = NormalizeKana(value);
        var builder = new StringBuilder(kana.Length);
        foreach (var ch in kana)
        {
            if (char.IsWhiteSpace(ch) || ch == '・')
            {
                continue;
            }

            builder.Append(SmallToLarge(ch));
        }

        return builder.ToString();
    }

    /// <summary>
    /// A key for name search: the name in canonical form (<see cref="NormalizeName"/>) without spaces, so that
    /// 「山田　花子」, 「山田 花子」 and 「山田花子」 share one key and a typed prefix matches it.
    /// </summary>
    public static string NameKey(string value) => NormalizeName(value).Replace(" ", string.Empty, StringComparison.Ordinal);

    /// <summary>
    /// The family name's key: <see cref="NameKey"/> of the part before the first space (姓), or of the whole name when it
    /// has no space. Staff usually search by the family name alone; an exact key lets the queue read those requests in
    /// deadline order straight from an index.
    /// </summary>
    public static string FamilyNameKey(string fullName) => NameKey(FirstWord(NormalizeName(fullName)));

    /// <summary>The family name's kana key: <see cref="SearchKey"/> of the part of the フリガナ before the first space.</summary>
    public static string FamilyKanaKey(string fullNameKana) => SearchKey(FirstWord(NormalizeKana(fullNameKana)));

    private static string FirstWord(string normalized)
    {
        var space = normalized.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? normalized[..space] : normalized;
    }

    /// <summary>Full-width ASCII letters, digits and symbols to half width (NFKC), e.g. for member numbers and phone numbers.</summary>
    public static string ToHalfWidth(string value) => value.Normalize(NormalizationForm.FormKC);

    private static string CollapseSpaces(string value) => Spaces().Replace(value, " ").Trim();

    private static char SmallToLarge(char ch) => ch switch
    {
        'ァ' => 'ア', 'ィ' => 'イ', 'ゥ' => 'ウ', 'ェ' => 'エ', 'ォ' => 'オ',
        'ッ' => 'ツ', 'ャ' => 'ヤ', 'ュ' => 'ユ', 'ョ' => 'ヨ', 'ヮ' => 'ワ', 'ヵ' => 'カ', 'ヶ' => 'ケ',
        _ => ch,
    };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^[\u30A1-\u30FA\u30FC\u30FB ]+$")]
    private static partial Regex KatakanaOnly();

    /// <summary>Japan Standard Time, for display and for the calendar day a deadline falls on.</summary>
    public static readonly TimeZoneInfo Jst = FindJst();

    private static TimeZoneInfo FindJst()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        }
        catch (TimeZoneNotFoundException)
        {
            // Japan has kept UTC+9 without daylight saving since 1951; a fixed zone is exact for every date we handle.
            return TimeZoneInfo.CreateCustomTimeZone("JST", TimeSpan.FromHours(9), "JST", "JST");
        }
    }

    /// <summary>The instant as Japan's local time, for display: stored times are UTC, people read JST.</summary>
    public static DateTimeOffset ToJst(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Jst);

    public static DateOnly JstDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Jst).DateTime);

    /// <summary>
    /// The UTC instant at which the JST calendar day <paramref name="day"/> begins (15:00 UTC the day before): the one
    /// place that turns a JST day into a range over stored UTC instants (queue, dashboard, digest, audit periods, the
    /// arrival day of a posted request).
    /// </summary>
    public static DateTimeOffset JstDayStart(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Jst.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>A date in 和暦, e.g. 令和8年11月29日.</summary>
    public static string ToWareki(DateOnly date)
    {
        var culture = new CultureInfo("ja-JP");
        culture.DateTimeFormat.Calendar = new JapaneseCalendar();
        return date.ToDateTime(TimeOnly.MinValue).ToString("gy年M月d日", culture);
    }
}

/// <summary>〒 codes: seven digits, written ddd-dddd. Full-width digits and missing or odd hyphens are accepted.</summary>
public static partial class PostalCode
{
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = JapaneseText.ToHalfWidth(value).Trim().TrimStart('〒').Trim();
        var match = Pattern().Match(text);
        return match.Success ? $"{match.Groups[1].Value}-{match.Groups[2].Value}" : null;
    }

    [GeneratedRegex(@"^(\d{3})[-\u2212\u30FC\u2010-\u2015]?(\d{4})$")]
    private static partial Regex Pattern();
}

/// <summary>
/// Domestic telephone numbers: landlines 0x-xxxx-xxxx / 0xx-xxx-xxxx / 0xxx-xx-xxxx, mobiles 0x0-xxxx-xxxx, and
/// 0120 / 0800 free dial. Full-width digits, spaces and dash look-alikes are accepted; the stored form keeps the
/// member's grouping when it is valid, or groups mobiles and free dial by rule.
/// </summary>
public static partial class PhoneNumber
{
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = Dashes().Replace(JapaneseText.ToHalfWidth(value).Trim(), "-");
        text = Spaces().Replace(text, "-");
        var digits = text.Replace("-", string.Empty, StringComparison.Ordinal);
        if (!AllDigits().IsMatch(digits) || digits[0] != '0')
        {
            return null;
        }

        if (text.Contains('-', StringComparison.Ordinal))
        {
            // The member grouped it; accept any grouping of a 10- or 11-digit number that has three parts.
            var parts = text.Split('-');
            if (parts.Length == 3 && parts.All(p => p.Length > 0) && IsValidLength(digits))
            {
                return text;
            }

            return null;
        }

        return digits.Length switch
        {
            11 when !IsValidLength(digits) => null,
            11 when digits.StartsWith("0800", StringComparison.Ordinal) => $"{digits[..4]}-{digits[4..7]}-{digits[7..]}",
            11 => $"{digits[..3]}-{digits[3..7]}-{digits[7..]}",
            10 when digits.StartsWith("0120", StringComparison.Ordinal) || digits.StartsWith("0800", StringComparison.Ordinal)
                => $"{digits[..4]}-{digits[4..7]}-{digits[7..]}",
            10 when digits.StartsWith("03", StringComparison.Ordinal) || digits.StartsWith("06", StringComparison.Ordinal)
                => $"{digits[..2]}-{digits[2..6]}-{digits[6..]}",
            10 => $"{digits[..3]}-{digits[3..6]}-{digits[6..]}",
            _ => null,
        };
    }

    private static bool IsValidLength(string digits) =>
        digits.Length == 10 || (digits.Length == 11 && digits[1] is '5' or '7' or '8' or '9' && digits[2] == '0');

    [GeneratedRegex(@"[\u2212\u30FC\u2010-\u2015\uFF0D]")]
    private static partial Regex Dashes();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex AllDigits();
}
