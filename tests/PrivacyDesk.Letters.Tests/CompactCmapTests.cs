using System.Buffers.Binary;
using PrivacyDesk.Letters.Fonts;

namespace PrivacyDesk.Letters.Tests;

/// <summary>
/// The font handed to PDFsharp has its character map re-encoded in fewer segments (CompactCmap): every character must
/// still reach exactly the same glyph, looked up the way PDFsharp 6.2.4 does it, and the rest of the font is untouched.
/// </summary>
public sealed class CompactCmapTests
{
    private static readonly byte[] Original =
        File.ReadAllBytes(LetterFontLocator.Locate(new LetterOptions(), AppContext.BaseDirectory).RegularPath);

    private static readonly byte[] Compact = CompactCmap.Rewrite((byte[])Original.Clone());

    [Fact]
    public void Every_BMP_character_maps_to_the_same_glyph_with_far_fewer_segments()
    {
        var before = Bmp(Original);
        var after = Bmp(Compact);
        for (var c = 0; c <= 0xFFFF; c++)
        {
            var expected = PdfSharpLookup(before, (char)c);
            var actual = PdfSharpLookup(after, (char)c);
            Assert.True(expected == actual, $"U+{c:X4}: glyph {actual}, the font maps it to {expected}");
        }

        // The point of the rewrite: PDFsharp scans segments one by one.
        Assert.True(CompactCmap.SegmentCount(after) * 10 < CompactCmap.SegmentCount(before),
            $"{CompactCmap.SegmentCount(after)} segments left of {CompactCmap.SegmentCount(before)}");
        Assert.Equal(CompactCmap.Decode(before), CompactCmap.Decode(after));
        Assert.Equal(PdfSharpLookup(before, '申'), PdfSharpLookup(after, '申'));
        Assert.NotEqual(0, PdfSharpLookup(after, '申'));
    }

    [Fact]
    public void The_other_tables_and_the_full_unicode_map_are_unchanged()
    {
        foreach (var tag in Tags(Original).Where(t => t != "cmap"))
        {
            Assert.Equal(TableBytes(Original, tag), TableBytes(Compact, tag));
        }

        var cmap = CompactCmap.FindTable(Compact, "cmap")!.Value.Offset;
        var originalCmap = CompactCmap.FindTable(Original, "cmap")!.Value.Offset;
        if (CompactCmap.FindSubtable(Original, originalCmap, 3, 10, 12) is { } full)
        {
            var compactFull = CompactCmap.FindSubtable(Compact, cmap, 3, 10, 12)!.Value;
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(Original.AsSpan(full + 4));
            Assert.True(Original.AsSpan(full, length).SequenceEqual(Compact.AsSpan(compactFull, length)));
        }
    }

    [Fact]
    public void A_font_without_a_windows_bmp_map_is_left_as_it_is()
    {
        var bytes = (byte[])Original.Clone();
        var (cmap, _, _) = CompactCmap.FindTable(bytes, "cmap")!.Value;
        var records = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(cmap + 2));
        for (var i = 0; i < records; i++)
        {
            // Platform 3 → 2 (ISO, unused): no subtable PDFsharp would read is left.
            var record = bytes.AsSpan(cmap + 4 + (8 * i));
            if (BinaryPrimitives.ReadUInt16BigEndian(record) == 3)
            {
                BinaryPrimitives.WriteUInt16BigEndian(record, 2);
            }
        }

        var before = (byte[])bytes.Clone();
        Assert.Equal(before, CompactCmap.Rewrite(bytes));
    }

    private static byte[] Bmp(byte[] font)
    {
        var cmap = CompactCmap.FindTable(font, "cmap")!.Value.Offset;
        var at = CompactCmap.FindSubtable(font, cmap, 3, 1, 4)!.Value;
        var length = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(at + 2));
        return font.AsSpan(at, length).ToArray();
    }

    /// <summary>PDFsharp 6.2.4's OpenTypeDescriptor.BmpCodepointToGlyphIndex over its parse of the subtable (CMap4.Read).</summary>
    private static ushort PdfSharpLookup(byte[] table, char ch)
    {
        ushort U(int at) => BinaryPrimitives.ReadUInt16BigEndian(table.AsSpan(at));
        var length = U(2);
        var segCount = U(6) / 2;
        var glyphCount = (length - (16 + (8 * segCount))) / 2;
        int End(int s) => U(14 + (2 * s));
        int Start(int s) => U(16 + (2 * segCount) + (2 * s));
        short Delta(int s) => (short)U(16 + (4 * segCount) + (2 * s));
        int RangeOffset(int s) => U(16 + (6 * segCount) + (2 * s));
        ushort GlyphId(int i) => U(16 + (8 * segCount) + (2 * i));

        int seg;
        for (seg = 0; seg < segCount; seg++)
        {
            if (ch <= End(seg))
            {
                break;
            }
        }

        if (seg == segCount || ch < Start(seg))
        {
            return 0;
        }

        if (RangeOffset(seg) == 0)
        {
            return (ushort)((ch + (uint)Delta(seg)) & 0xFFFF);
        }

        var idx = (RangeOffset(seg) / 2) + (ch - Start(seg)) - (segCount - seg);
        Assert.InRange(idx, 0, glyphCount - 1);
        var glyph = GlyphId(idx);
        return glyph == 0 ? (ushort)0 : (ushort)((glyph + (uint)Delta(seg)) & 0xFFFF);
    }

    private static IEnumerable<string> Tags(byte[] font)
    {
        var tables = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        for (var i = 0; i < tables; i++)
        {
            yield return System.Text.Encoding.ASCII.GetString(font, 12 + (16 * i), 4);
        }
    }

    private static byte[] TableBytes(byte[] font, string tag)
    {
        var (offset, length, _) = CompactCmap.FindTable(font, tag)!.Value;
        return font.AsSpan(offset, length).ToArray();
    }
}
