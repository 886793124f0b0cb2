using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PrivacyDesk.Letters.Layout;

namespace PrivacyDesk.Letters.Fonts;

/// <summary>
/// PDFsharp's font resolver is process-wide and may be set only once, while a process can host several apps (tests)
/// with different font files. So one resolver serves every registered font family, each under a name derived from
/// its files.
/// </summary>
internal sealed class PdfSharpFontResolver : IFontResolver
{
    public static readonly PdfSharpFontResolver Instance = new();

    private static readonly Lock SetLock = new();
    private readonly ConcurrentDictionary<string, byte[]> faces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Regular, string? Bold)> families = new(StringComparer.Ordinal);

    /// <summary>Loads the files once and returns the family name to use in <see cref="XFont"/>.</summary>
    public static string Register(LetterFontFiles files)
    {
        lock (SetLock)
        {
            // The same instance every time, as PDFsharp requires.
            GlobalFontSettings.FontResolver = Instance;
        }

        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{files.RegularPath}|{files.BoldPath}")))[..16];
        var family = $"PDLetter-{key}";
        Instance.families.GetOrAdd(family, _ =>
        {
            var regular = $"{family}-R";
            // PDFsharp gets the font with a compact character map: same glyphs, far cheaper lookups (CompactCmap).
            Instance.faces[regular] = CompactCmap.Rewrite(File.ReadAllBytes(files.RegularPath));
            string? bold = null;
            if (files.BoldPath is not null)
            {
                bold = $"{family}-B";
                Instance.faces[bold] = CompactCmap.Rewrite(File.ReadAllBytes(files.BoldPath));
            }

            return (regular, bold);
        });
        return family;
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (!families.TryGetValue(familyName, out var family))
        {
            return null;
        }

        return bold
            ? family.Bold is not null ? new FontResolverInfo(family.Bold) : new FontResolverInfo(family.Regular, mustSimulateBold: true, mustSimulateItalic: false)
            : new FontResolverInfo(family.Regular);
    }

    public byte[]? GetFont(string faceName) => faces.TryGetValue(faceName, out var bytes) ? bytes : null;
}

/// <summary>
/// The letter fonts at the sizes of <see cref="LetterLayout"/>, and their character widths measured with the real font
/// once per character (then cached), because measuring through PDFsharp costs far more than an array read.
/// </summary>
public sealed class PdfSharpLetterFonts : IFontMetrics
{
    private const double MeasureSize = 100;
    private readonly double[] regularWidths = NewTable();
    private readonly double[] boldWidths = NewTable();
    private readonly Lock measureLock = new();
    private readonly XGraphics measureContext;
    private readonly XFont measureRegular;
    private readonly XFont measureBold;
    private readonly Dictionary<TextStyle, XFont> fonts;

    public PdfSharpLetterFonts(LetterFontFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        Files = files;
        FamilyName = PdfSharpFontResolver.Register(files);
        var options = new XPdfFontOptions(PdfSharp.Pdf.PdfFontEncoding.Unicode);
        measureRegular = new XFont(FamilyName, MeasureSize, XFontStyleEx.Regular, options);
        measureBold = new XFont(FamilyName, MeasureSize, XFontStyleEx.Bold, options);
        measureContext = XGraphics.CreateMeasureContext(new XSize(1000, 1000), XGraphicsUnit.Point, XPageDirection.Downwards);
        fonts = Enum.GetValues<TextStyle>().ToDictionary(
            style => style,
            style => new XFont(FamilyName, LetterLayout.Size(style), LetterLayout.IsBold(style) ? XFontStyleEx.Bold : XFontStyleEx.Regular, options));

        // Warm the cache with what every letter uses, so that the first letter does not pay for it glyph by glyph.
        foreach (var ch in " 0123456789-/:@.,（）「」、。〒様年月日")
        {
            _ = Width(ch, false);
        }
    }

    public LetterFontFiles Files { get; }

    public string FamilyName { get; }

    public XFont Font(TextStyle style) => fonts[style];

    public double Width(char ch, bool bold)
    {
        var table = bold ? boldWidths : regularWidths;
        var width = table[ch];
        if (width >= 0)
        {
            return width;
        }

        lock (measureLock)
        {
            width = measureContext.MeasureString(ch.ToString(), bold ? measureBold : measureRegular).Width / MeasureSize;
        }

        table[ch] = width;
        return width;
    }

    private static double[] NewTable()
    {
        var table = new double[char.MaxValue + 1];
        Array.Fill(table, -1d);
        return table;
    }
}
