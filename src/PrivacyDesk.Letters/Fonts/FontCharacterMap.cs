using System.Buffers.Binary;
using System.Text;

namespace PrivacyDesk.Letters.Fonts;

/// <summary>
/// The characters a TrueType font has glyphs for, read from its <c>cmap</c> table (Unicode subtables of format 4 and
/// 12). PDFsharp draws a character the font lacks as an empty box without any error, so the letters' fixed texts are
/// checked against this map in the tests (GlyphCoverageTests) instead of being found in a printed letter.
/// </summary>
public sealed class FontCharacterMap
{
    private readonly HashSet<int> codePoints;

    private FontCharacterMap(HashSet<int> codePoints) => this.codePoints = codePoints;

    public int Count => codePoints.Count;

    public bool Contains(Rune rune) => codePoints.Contains(rune.Value);

    /// <summary>The characters of <paramref name="text"/> the font cannot draw (line breaks and other controls excepted).</summary>
    public IReadOnlyList<Rune> Missing(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var missing = new List<Rune>();
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsControl(rune) && !Contains(rune) && !missing.Contains(rune))
            {
                missing.Add(rune);
            }
        }

        return missing;
    }

    public static FontCharacterMap Load(string fontPath) => Parse(File.ReadAllBytes(fontPath));

    public static FontCharacterMap Parse(ReadOnlySpan<byte> font)
    {
        var tables = BinaryPrimitives.ReadUInt16BigEndian(font[4..]);
        for (var i = 0; i < tables; i++)
        {
            var record = font[(12 + (16 * i))..];
            if (Encoding.ASCII.GetString(record[..4]) == "cmap")
            {
                return new FontCharacterMap(ReadCmap(font[(int)BinaryPrimitives.ReadUInt32BigEndian(record[8..])..]));
            }
        }

        throw new InvalidDataException("The font has no cmap table.");
    }

    private static HashSet<int> ReadCmap(ReadOnlySpan<byte> cmap)
    {
        var codePoints = new HashSet<int>();
        var subtables = BinaryPrimitives.ReadUInt16BigEndian(cmap[2..]);
        for (var i = 0; i < subtables; i++)
        {
            var record = cmap[(4 + (8 * i))..];
            var platform = BinaryPrimitives.ReadUInt16BigEndian(record);
            var encoding = BinaryPrimitives.ReadUInt16BigEndian(record[2..]);

            // Unicode subtables only: platform 0 (Unicode), or platform 3 (Windows) encoding 1 (BMP) or 10 (full).
            if (platform != 0 && !(platform == 3 && encoding is 1 or 10))
            {
                continue;
            }

            var subtable = cmap[(int)BinaryPrimitives.ReadUInt32BigEndian(record[4..])..];
            switch (BinaryPrimitives.ReadUInt16BigEndian(subtable))
            {
                case 4: ReadFormat4(subtable, codePoints); break;
                case 12: ReadFormat12(subtable, codePoints); break;
            }
        }

        return codePoints;
    }

    private static void ReadFormat4(ReadOnlySpan<byte> table, HashSet<int> codePoints)
    {
        var segments = BinaryPrimitives.ReadUInt16BigEndian(table[6..]) / 2;
        var ends = table[14..];
        var starts = ends[((2 * segments) + 2)..];
        var deltas = starts[(2 * segments)..];
        var rangeOffsets = deltas[(2 * segments)..];
        for (var s = 0; s < segments; s++)
        {
            int end = BinaryPrimitives.ReadUInt16BigEndian(ends[(2 * s)..]);
            int start = BinaryPrimitives.ReadUInt16BigEndian(starts[(2 * s)..]);
            var delta = BinaryPrimitives.ReadInt16BigEndian(deltas[(2 * s)..]);
            int rangeOffset = BinaryPrimitives.ReadUInt16BigEndian(rangeOffsets[(2 * s)..]);
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                int glyph;
                if (rangeOffset == 0)
                {
                    glyph = (c + delta) & 0xFFFF;
                }
                else
                {
                    // The offset is counted from the idRangeOffset entry itself (the format's own pointer arithmetic).
                    var at = (2 * s) + rangeOffset + (2 * (c - start));
                    glyph = BinaryPrimitives.ReadUInt16BigEndian(rangeOffsets[at..]);
                    if (glyph != 0)
                    {
                        glyph = (glyph + delta) & 0xFFFF;
                    }
                }

                if (glyph != 0)
                {
                    codePoints.Add(c);
                }
            }
        }
    }

    private static void ReadFormat12(ReadOnlySpan<byte> table, HashSet<int> codePoints)
    {
        var groups = BinaryPrimitives.ReadUInt32BigEndian(table[12..]);
        for (var g = 0; g < groups; g++)
        {
            var group = table[(16 + (12 * g))..];
            var start = (int)BinaryPrimitives.ReadUInt32BigEndian(group);
            var end = (int)BinaryPrimitives.ReadUInt32BigEndian(group[4..]);
            var glyph = BinaryPrimitives.ReadUInt32BigEndian(group[8..]);
            for (var c = start; c <= end; c++)
            {
                if (glyph + (uint)(c - start) != 0)
                {
                    codePoints.Add(c);
                }
            }
        }
    }
}
