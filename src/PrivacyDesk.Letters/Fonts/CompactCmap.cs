using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace PrivacyDesk.Letters.Fonts;

/// <summary>
/// Re-encodes a TrueType font's Windows BMP character map (cmap platform 3, encoding 1, format 4) in few segments,
/// mapping every character to exactly the same glyph, for the copy of the font handed to PDFsharp.
/// Why: PDFsharp 6.2.4 looks each drawn character up by scanning the segments one by one from the first
/// (OpenTypeDescriptor.BmpCodepointToGlyphIndex), and IPAex Mincho has 4,996 of them, so a kanji cost some thousands of
/// comparisons (2,635 on average): about 15 % of a warm letter (docs/benchmarks/letters.md). Merged into 11 segments
/// that index a glyph array, the same lookup passes 6 on average. The glyphs, widths and every other table are
/// untouched, and the embedded subset of a CID font carries no cmap, so the PDFs are unchanged.
/// </summary>
internal static class CompactCmap
{
    // A format 4 subtable states its length in 16 bits.
    private const int MaxSubtableBytes = ushort.MaxValue;

    /// <summary>
    /// The font with its cmap table replaced by one holding the compact (3,1) format 4 subtable and, when the font has
    /// one, its (3,10) format 12 subtable (what PDFsharp reads); the font unchanged when it has no (3,1) format 4.
    /// Rewrites <paramref name="font"/> in place when the new table fits where the old one was (the caller owns it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static byte[] Rewrite(byte[] font)
    {
        ArgumentNullException.ThrowIfNull(font);
        if (FindTable(font, "cmap") is not { } cmap
            || FindSubtable(font, cmap.Offset, 3, 1, 4) is not { } bmpAt)
        {
            return font;
        }

        var glyphs = Decode(font.AsSpan(bmpAt));
        if (glyphs[0xFFFF] != 0 || Encode(glyphs) is not { } bmp)
        {
            return font;
        }

        byte[]? full = null;
        if (FindSubtable(font, cmap.Offset, 3, 10, 12) is { } fullAt)
        {
            full = font.AsSpan(fullAt, (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(fullAt + 4))).ToArray();
        }

        // The new cmap: header, one or two encoding records, then the subtables.
        var records = full is null ? 1 : 2;
        var header = 4 + (8 * records);
        var table = new byte[header + bmp.Length + (full?.Length ?? 0)];
        BinaryPrimitives.WriteUInt16BigEndian(table.AsSpan(2), (ushort)records);
        WriteRecord(table.AsSpan(4), 1, header);
        bmp.CopyTo(table, header);
        if (full is not null)
        {
            WriteRecord(table.AsSpan(12), 10, header + bmp.Length);
            full.CopyTo(table, header + bmp.Length);
        }

        // Written over the old cmap when it fits there (it does for IPAex: no copy of the 7.8 MB font), else appended
        // after the font's data (4-byte aligned). Either way no other table moves; only the directory entry changes.
        var result = font;
        var at = cmap.Offset;
        if (table.Length > cmap.Length)
        {
            at = (font.Length + 3) & ~3;
            result = new byte[at + table.Length];
            font.CopyTo(result, 0);
        }

        table.CopyTo(result, at);
        var entry = result.AsSpan(cmap.Entry);
        BinaryPrimitives.WriteUInt32BigEndian(entry[4..], Checksum(table));
        BinaryPrimitives.WriteUInt32BigEndian(entry[8..], (uint)at);
        BinaryPrimitives.WriteUInt32BigEndian(entry[12..], (uint)table.Length);
        return result;
    }

    /// <summary>The glyph of every BMP character as a format 4 subtable maps it (0: none), per the OpenType spec.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ushort[] Decode(ReadOnlySpan<byte> subtable)
    {
        var glyphs = new ushort[0x10000];
        var segments = BinaryPrimitives.ReadUInt16BigEndian(subtable[6..]) / 2;
        var ends = subtable[14..];
        var starts = ends[((2 * segments) + 2)..];
        var deltas = starts[(2 * segments)..];
        var rangeOffsets = deltas[(2 * segments)..];
        for (var s = 0; s < segments; s++)
        {
            int end = BinaryPrimitives.ReadUInt16BigEndian(ends[(2 * s)..]);
            int start = BinaryPrimitives.ReadUInt16BigEndian(starts[(2 * s)..]);
            var delta = BinaryPrimitives.ReadInt16BigEndian(deltas[(2 * s)..]);
            int rangeOffset = BinaryPrimitives.ReadUInt16BigEndian(rangeOffsets[(2 * s)..]);
            for (var c = start; c <= end; c++)
            {
                // A character in two segments belongs to the first (lookups stop at the first end >= c).
                if (c <= PreviousEnd(ends, s))
                {
                    continue;
                }

                int glyph;
                if (rangeOffset == 0)
                {
                    glyph = (c + delta) & 0xFFFF;
                }
                else
                {
                    var index = (2 * s) + rangeOffset + (2 * (c - start));
                    glyph = index + 2 <= rangeOffsets.Length ? BinaryPrimitives.ReadUInt16BigEndian(rangeOffsets[index..]) : 0;
                    if (glyph != 0)
                    {
                        glyph = (glyph + delta) & 0xFFFF;
                    }
                }

                glyphs[c] = (ushort)glyph;
            }
        }

        return glyphs;
    }

    /// <summary>The number of segments of a format 4 subtable.</summary>
    public static int SegmentCount(ReadOnlySpan<byte> subtable) => BinaryPrimitives.ReadUInt16BigEndian(subtable[6..]) / 2;

    /// <summary>Where the (platform, encoding) subtable of the given format starts in the font, if it has one.</summary>
    public static int? FindSubtable(ReadOnlySpan<byte> font, int cmapOffset, int platform, int encoding, int format)
    {
        var cmap = font[cmapOffset..];
        var count = BinaryPrimitives.ReadUInt16BigEndian(cmap[2..]);
        for (var i = 0; i < count; i++)
        {
            var record = cmap[(4 + (8 * i))..];
            var at = cmapOffset + (int)BinaryPrimitives.ReadUInt32BigEndian(record[4..]);
            if (BinaryPrimitives.ReadUInt16BigEndian(record) == platform && BinaryPrimitives.ReadUInt16BigEndian(record[2..]) == encoding
                && BinaryPrimitives.ReadUInt16BigEndian(font[at..]) == format)
            {
                return at;
            }
        }

        return null;
    }

    /// <summary>A table's data offset and length, and the position of its directory entry.</summary>
    public static (int Offset, int Length, int Entry)? FindTable(ReadOnlySpan<byte> font, string tag)
    {
        var tables = BinaryPrimitives.ReadUInt16BigEndian(font[4..]);
        for (var i = 0; i < tables; i++)
        {
            var entry = 12 + (16 * i);
            var name = font.Slice(entry, 4);
            if (name[0] == tag[0] && name[1] == tag[1] && name[2] == tag[2] && name[3] == tag[3])
            {
                return ((int)BinaryPrimitives.ReadUInt32BigEndian(font[(entry + 8)..]), (int)BinaryPrimitives.ReadUInt32BigEndian(font[(entry + 12)..]), entry);
            }
        }

        return null;
    }

    // Segments are sorted by end, so a lookup of c stops before segment s when c <= the previous segment's end.
    private static int PreviousEnd(ReadOnlySpan<byte> ends, int segment) =>
        segment == 0 ? -1 : BinaryPrimitives.ReadUInt16BigEndian(ends[(2 * (segment - 1))..]);

    /// <summary>
    /// Few segments that fit the format's 64 KB: the runs of mapped characters (a run whose glyphs are consecutive is
    /// one delta segment), with neighbours closer than a gap G merged into one segment indexing a glyph array (the gap
    /// becomes zeros); G is the largest that still fits, found by bisection. Null when even G = 0 does not fit.
    /// Plain loops over arrays, once per font at start-up, so it adds little to the first letter.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[]? Encode(ushort[] glyphs)
    {
        var runs = new Segment[0x10000];
        var count = 0;
        for (var c = 0; c < 0xFFFF; c++)
        {
            if (glyphs[c] == 0)
            {
                continue;
            }

            var start = c;
            while (c + 1 < 0xFFFF && glyphs[c + 1] != 0 && glyphs[c + 1] - glyphs[c] == 1)
            {
                c++;
            }

            runs[count++] = new Segment(start, c, Delta: true);
        }

        var merged = new Segment[count + 1];
        if (Merge(runs.AsSpan(0, count), 0, merged, out _) > MaxSubtableBytes)
        {
            return null;
        }

        int low = 0, high = 0xFFFF;
        while (low < high)
        {
            var gap = (low + high + 1) / 2;
            if (Merge(runs.AsSpan(0, count), gap, merged, out _) <= MaxSubtableBytes)
            {
                low = gap;
            }
            else
            {
                high = gap - 1;
            }
        }

        var size = Merge(runs.AsSpan(0, count), low, merged, out var segments);
        return Write(merged.AsSpan(0, segments), glyphs, (int)size);
    }

    /// <summary>
    /// Merges every neighbour at most <paramref name="gap"/> characters away into <paramref name="merged"/>, adds the
    /// final 0xFFFF segment, and returns the subtable's size in bytes.
    /// </summary>
    private static long Merge(ReadOnlySpan<Segment> runs, int gap, Segment[] merged, out int count)
    {
        count = 0;
        foreach (var run in runs)
        {
            if (count > 0 && run.Start - merged[count - 1].End - 1 <= gap)
            {
                merged[count - 1] = new Segment(merged[count - 1].Start, run.End, Delta: false);
            }
            else
            {
                merged[count++] = run;
            }
        }

        merged[count++] = new Segment(0xFFFF, 0xFFFF, Delta: true);
        long entries = 0;
        for (var i = 0; i < count; i++)
        {
            entries += merged[i].Entries;
        }

        return 16 + (8L * count) + (2 * entries);
    }

    private static byte[] Write(ReadOnlySpan<Segment> kept, ushort[] glyphs, int length)
    {
        var n = kept.Length;
        var table = new byte[length];
        var span = table.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span, 4);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)length);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)(2 * n));
        var selector = (int)Math.Log2(n);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)(2 << selector));
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)selector);
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], (ushort)((2 * n) - (2 << selector)));
        var ends = 14;
        var starts = ends + (2 * n) + 2;
        var deltas = starts + (2 * n);
        var offsets = deltas + (2 * n);
        var array = offsets + (2 * n);
        var used = 0;
        for (var s = 0; s < n; s++)
        {
            var segment = kept[s];
            BinaryPrimitives.WriteUInt16BigEndian(span[(ends + (2 * s))..], (ushort)segment.End);
            BinaryPrimitives.WriteUInt16BigEndian(span[(starts + (2 * s))..], (ushort)segment.Start);
            if (segment.Delta)
            {
                // The last segment maps 0xFFFF to glyph 0 ((0xFFFF + 1) & 0xFFFF), as the format requires.
                var glyph = segment.Start == 0xFFFF ? 0 : glyphs[segment.Start];
                BinaryPrimitives.WriteInt16BigEndian(span[(deltas + (2 * s))..], unchecked((short)(glyph - segment.Start)));
                continue;
            }

            // idRangeOffset counts bytes from its own entry to the segment's first glyph-array entry.
            BinaryPrimitives.WriteUInt16BigEndian(span[(offsets + (2 * s))..], (ushort)(array + (2 * used) - (offsets + (2 * s))));
            for (var c = segment.Start; c <= segment.End; c++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(span[(array + (2 * used++))..], glyphs[c]);
            }
        }

        return table;
    }

    private static void WriteRecord(Span<byte> record, ushort encoding, int offset)
    {
        BinaryPrimitives.WriteUInt16BigEndian(record, 3);
        BinaryPrimitives.WriteUInt16BigEndian(record[2..], encoding);
        BinaryPrimitives.WriteUInt32BigEndian(record[4..], (uint)offset);
    }

    private static uint Checksum(ReadOnlySpan<byte> table)
    {
        uint sum = 0;
        var i = 0;
        for (; i + 4 <= table.Length; i += 4)
        {
            sum += BinaryPrimitives.ReadUInt32BigEndian(table[i..]);
        }

        // The last word, padded with zeros.
        for (var shift = 24; i < table.Length; i++, shift -= 8)
        {
            sum += (uint)table[i] << shift;
        }

        return sum;
    }

    /// <summary>Characters Start..End; a delta segment maps them to consecutive glyphs, else each has an array entry.</summary>
    private readonly record struct Segment(int Start, int End, bool Delta)
    {
        public int Entries => Delta ? 0 : End - Start + 1;
    }
}
