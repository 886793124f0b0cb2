namespace PrivacyDesk.Letters.Fonts;

/// <summary>The font files the letters use.</summary>
public sealed record LetterFontFiles(string RegularPath, string? BoldPath);

/// <summary>No Japanese font could be found: letters cannot be produced, so the app refuses to start.</summary>
public sealed class LetterFontNotFoundException(string message) : Exception(message);

/// <summary>
/// Finds the Japanese TrueType font for letters: the configured path, else the first candidate that exists. See
/// ADR 0006 for the order and why each candidate is there.
/// </summary>
public static class LetterFontLocator
{
    /// <summary>Where the build puts the font it fetched from npm when no system font was found (see the .csproj).</summary>
    public const string BundledFontFolder = "fonts";

    public const string BundledRegular = "NotoSerifJP-Regular.ttf";
    public const string BundledBold = "NotoSerifJP-Bold.ttf";

    /// <summary>Regular/bold pairs tried in order when nothing is configured.</summary>
    public static IReadOnlyList<(string Regular, string? Bold)> Candidates(string baseDirectory) =>
    [
        // Debian / Ubuntu: fonts-ipaexfont-mincho (what .ci/run installs). IPAex has no bold face.
        ("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf", null),
        ("/usr/share/fonts/truetype/ipaexfont-mincho/ipaexm.ttf", null),

        // Windows servers: Yu Mincho (single-face .ttf files).
        (@"C:\Windows\Fonts\yumin.ttf", @"C:\Windows\Fonts\yumindb.ttf"),

        // Fetched at build time from npm (@expo-google-fonts/noto-serif-jp, SIL OFL) when none of the above exists.
        (Path.Combine(baseDirectory, BundledFontFolder, BundledRegular), Path.Combine(baseDirectory, BundledFontFolder, BundledBold)),
    ];

    public static LetterFontFiles Locate(LetterOptions options, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.FontPath))
        {
            var regular = Check(options.FontPath, "Letters:FontPath");
            var bold = string.IsNullOrWhiteSpace(options.BoldFontPath) ? null : Check(options.BoldFontPath, "Letters:BoldFontPath");
            return new LetterFontFiles(regular, bold);
        }

        foreach (var (regular, bold) in Candidates(baseDirectory))
        {
            if (File.Exists(regular))
            {
                var boldPath = string.IsNullOrWhiteSpace(options.BoldFontPath)
                    ? bold is not null && File.Exists(bold) ? bold : null
                    : Check(options.BoldFontPath, "Letters:BoldFontPath");
                return new LetterFontFiles(regular, boldPath);
            }
        }

        throw new LetterFontNotFoundException(
            "No Japanese TrueType font for letters was found. Install the Debian package fonts-ipaexfont-mincho " +
            "(apt-get install fonts-ipaexfont-mincho), rebuild with npm available (the build then fetches Noto Serif JP), " +
            "or set Letters:FontPath to a .ttf file (e.g. C:\\Windows\\Fonts\\yumin.ttf). Tried: " +
            string.Join(", ", Candidates(baseDirectory).Select(c => c.Regular)));
    }

    private static string Check(string path, string setting)
    {
        if (!File.Exists(path))
        {
            throw new LetterFontNotFoundException($"{setting} is set to \"{path}\", but no such file exists.");
        }

        if (path.EndsWith(".ttc", StringComparison.OrdinalIgnoreCase))
        {
            throw new LetterFontNotFoundException(
                $"{setting} is a TrueType collection (.ttc); PDFsharp embeds single faces only. Use a .ttf file.");
        }

        return Path.GetFullPath(path);
    }
}
