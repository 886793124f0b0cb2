namespace PrivacyDesk.Letters;

public enum LetterDateStyle
{
    /// <summary>令和8年11月30日.</summary>
    Wareki,

    /// <summary>2026年11月30日.</summary>
    Western,

    /// <summary>令和8年11月30日（2026年11月30日）.</summary>
    Both,
}

/// <summary>Configuration section "Letters".</summary>
public sealed class LetterOptions
{
    public const string Section = "Letters";

    /// <summary>
    /// A TrueType (.ttf) Japanese font for the text. Empty: the first of <see cref="Fonts.LetterFontLocator.Candidates"/>
    /// that exists. A configured path that does not exist is an error (no silent fallback).
    /// </summary>
    public string? FontPath { get; set; }

    /// <summary>A bold face (.ttf). Empty: bold is simulated from the regular face (IPAex Mincho has no bold).</summary>
    public string? BoldFontPath { get; set; }

    public LetterDateStyle DateStyle { get; set; } = LetterDateStyle.Wareki;

    /// <summary>
    /// The purposes of use printed in a 利用目的の通知 (APPI Art. 32). Null or empty: the eight of the co-op's notice
    /// 「個人情報の利用目的および共同利用等についてのお知らせ」 (<see cref="Composition.PurposesOfUse.Default"/>).
    /// An array (not a list with defaults) because configuration binding appends to a pre-filled collection.
    /// </summary>
    public string[]? PurposesOfUse { get; set; }
}
