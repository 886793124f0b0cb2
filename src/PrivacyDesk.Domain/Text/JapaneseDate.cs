using System.Globalization;
using System.Text.RegularExpressions;

namespace PrivacyDesk.Domain.Text;

/// <summary>A Japanese era (元号): its name, its one-letter abbreviation and the first day of its first year.</summary>
public sealed record JapaneseEra(string Name, string Letter, DateOnly Start)
{
    /// <summary>The 西暦 year of this era's <paramref name="eraYear"/> (元年 = 1).</summary>
    public int GregorianYear(int eraYear) => Start.Year + eraYear - 1;
}

/// <summary>
/// Dates as people in Japan type them: 2026-12-01, 2026/12/1, 2026.12.1, 2026年12月1日, 20261201, and 和暦
/// (令和8年12月1日, 令和元年5月1日, R8.12.1, 昭和33年4月1日), in full- or half-width, with or without spaces. A 和暦 date
/// must fall within its era (昭和64年1月7日 exists, 昭和64年1月8日 does not).
/// </summary>
public static partial class JapaneseDate
{
    /// <summary>The eras since 明治, oldest first (the first days as .NET's JapaneseCalendar has them).</summary>
    public static readonly IReadOnlyList<JapaneseEra> Eras =
    [
        new("明治", "M", new DateOnly(1868, 1, 25)),
        new("大正", "T", new DateOnly(1912, 7, 30)),
        new("昭和", "S", new DateOnly(1926, 12, 25)),
        new("平成", "H", new DateOnly(1989, 1, 8)),
        new("令和", "R", new DateOnly(2019, 5, 1)),
    ];

    /// <summary>The era called <paramref name="nameOrLetter"/> (昭和 or S, any case and width), or null.</summary>
    public static JapaneseEra? Era(string? nameOrLetter)
    {
        if (string.IsNullOrWhiteSpace(nameOrLetter))
        {
            return null;
        }

        var key = JapaneseText.ToHalfWidth(nameOrLetter).Trim();
        return Eras.FirstOrDefault(e => e.Name == key || string.Equals(e.Letter, key, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The day after the last day of <paramref name="era"/> (null for the current era).</summary>
    public static DateOnly? EndOf(JapaneseEra era)
    {
        ArgumentNullException.ThrowIfNull(era);
        var index = Eras.ToList().IndexOf(era);
        return index >= 0 && index + 1 < Eras.Count ? Eras[index + 1].Start : null;
    }

    /// <summary>The 西暦 year of <paramref name="eraYear"/> of <paramref name="era"/>, or null when the era does not have that year.</summary>
    public static int? GregorianYear(JapaneseEra era, int eraYear)
    {
        ArgumentNullException.ThrowIfNull(era);
        if (eraYear < 1)
        {
            return null;
        }

        var year = era.GregorianYear(eraYear);
        return EndOf(era) is { } end && year > end.Year ? null : year;
    }

    /// <summary>True when <paramref name="date"/> lies within <paramref name="era"/>.</summary>
    public static bool IsWithin(JapaneseEra era, DateOnly date) =>
        date >= era.Start && (EndOf(era) is not { } end || date < end);

    public static DateOnly? Parse(string? text) => TryParse(text, out var date) ? date : null;

    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = Spaces().Replace(JapaneseText.ToHalfWidth(text), string.Empty);
        if (Compact().Match(value) is { Success: true } compact)
        {
            return TryDate(Int(compact.Groups["y"]), Int(compact.Groups["m"]), Int(compact.Groups["d"]), out date);
        }

        if (Western().Match(value) is { Success: true } western)
        {
            return TryDate(Int(western.Groups["y"]), Int(western.Groups["m"]), Int(western.Groups["d"]), out date);
        }

        if (Wareki().Match(value) is { Success: true } wareki && Era(wareki.Groups["era"].Value) is { } era)
        {
            var eraYear = wareki.Groups["y"].Value == "元" ? 1 : Int(wareki.Groups["y"]);
            return GregorianYear(era, eraYear) is { } year
                && TryDate(year, Int(wareki.Groups["m"]), Int(wareki.Groups["d"]), out date)
                && IsWithin(era, date);
        }

        return false;
    }

    private static bool TryDate(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static int Int(Group group) => int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$")]
    private static partial Regex Compact();

    [GeneratedRegex(@"^(?<y>\d{4})(?:[-/.]|年)(?<m>\d{1,2})(?:[-/.]|月)(?<d>\d{1,2})日?$")]
    private static partial Regex Western();

    [GeneratedRegex(@"^(?<era>明治|大正|昭和|平成|令和|[MTSHRmtshr])\.?(?<y>元|\d{1,2})(?:[-/.]|年)(?<m>\d{1,2})(?:[-/.]|月)(?<d>\d{1,2})日?$")]
    private static partial Regex Wareki();
}
