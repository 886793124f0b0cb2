using System.Buffers.Binary;
using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.Filters;

namespace PrivacyDesk.Letters.Rendering;

/// <summary>
/// Embeds the font subset of each PDFsharp font descriptor before PDFsharp's save would, producing the same font
/// program byte for byte (the same tables, glyphs and checksums as PDFsharp 6.2.4's OpenTypeFontFace.CreateFontSubset
/// and Compile) but from tables parsed once per process instead of once per document, straight into one buffer.
/// Why: building the subset was about a fifth of a warm letter (docs/benchmarks/letters.md). The subset is still
/// computed for every letter from the glyphs it uses, and compressed with PDFsharp's own deflate at the document's level.
/// PDFsharp offers no hook for this, so the glyph set and the "prepared" mark are reached by reflection on its pinned
/// version; when a field is missing (another PDFsharp) <see cref="Available"/> is false and PDFsharp subsets as before.
/// </summary>
internal static class FontSubsetEmbedder
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
    private static readonly FieldInfo? Prepared = typeof(PdfFontDescriptor).GetField("_prepared", Instance);
    private static readonly FieldInfo? CMapInfo = typeof(PdfFontDescriptor).GetField("_cmapInfo", Instance);
    private static readonly FieldInfo? GlyphIndices = CMapInfo?.FieldType.GetField("GlyphIndices", Instance);
    private static readonly PropertyInfo? OpenTypeDescriptor = typeof(PdfFontDescriptor).GetProperty("Descriptor", Instance);
    private static readonly FieldInfo? FontFace = OpenTypeDescriptor?.PropertyType.GetField("FontFace", Instance);
    private static readonly PropertyInfo? FontSource = FontFace?.FieldType.GetProperty("FontSource", Instance);
    private static readonly ConditionalWeakTable<byte[], StrongBox<FontTables?>> Parsed = [];

    /// <summary>Whether this PDFsharp exposes what the embedder needs (it does for the pinned 6.2.4).</summary>
    public static bool Available { get; } =
        Prepared?.FieldType == typeof(bool) && GlyphIndices?.FieldType == typeof(Dictionary<ushort, object?>)
        && FontSource?.PropertyType == typeof(XFontSource);

    /// <summary>Embeds the subset of every font of <paramref name="pdf"/> not embedded yet; false where it left one to PDFsharp.</summary>
    public static bool EmbedAll(PdfDocument pdf)
    {
        var all = true;
        foreach (var descriptor in pdf.Internals.GetAllObjects().OfType<PdfFontDescriptor>())
        {
            all &= Embed(pdf, descriptor);
        }

        return all;
    }

    private static bool Embed(PdfDocument pdf, PdfFontDescriptor descriptor)
    {
        if (!Available || (bool)Prepared!.GetValue(descriptor)!)
        {
            return false;
        }

        var font = ((XFontSource)FontSource!.GetValue(FontFace!.GetValue(OpenTypeDescriptor!.GetValue(descriptor)))!).Bytes;
        var tables = Parsed.GetValue(font, static bytes => new StrongBox<FontTables?>(FontTables.Parse(bytes))).Value;
        if (tables is null)
        {
            return false;
        }

        var used = (Dictionary<ushort, object?>)GlyphIndices!.GetValue(CMapInfo!.GetValue(descriptor))!;
        var fontData = tables.Subset(used.Keys);

        // As PdfFontProgram.CreateFontFileAndAddToDescriptor: the same entries in the same order.
        var program = new PdfDictionary(pdf);
        pdf.Internals.AddObject(program);
        descriptor.Elements["/FontFile2"] = program.Reference;
        program.Elements["/Length1"] = new PdfInteger(fontData.Length);
        if (!pdf.Options.NoCompression)
        {
            fontData = Filtering.FlateDecode.Encode(fontData, pdf.Options.FlateEncodeMode);
            program.Elements["/Filter"] = new PdfName("/FlateDecode");
        }

        program.Elements["/Length"] = new PdfInteger(fontData.Length);
        program.CreateStream(fontData);
        Prepared.SetValue(descriptor, true);
        return true;
    }

    /// <summary>A TrueType font's tables as PDFsharp's CID-font subset uses them.</summary>
    internal sealed class FontTables
    {
        // The tables PDFsharp copies as they are (cmap is left out for a CID font), and the two it rebuilds.
        private static readonly string[] Copied = ["cvt ", "fpgm", "head", "hhea", "hmtx", "maxp", "prep"];
        private static readonly string[] Required = ["head", "hhea", "hmtx", "glyf", "loca", "maxp"];

        private readonly byte[] font;
        private readonly int glyf;
        private readonly int[] loca;
        private readonly bool shortLoca;
        private readonly (string Tag, int Offset, int Length, uint Checksum)[] copied;
        private readonly string[] tags;

        private FontTables(byte[] font, int glyf, int[] loca, bool shortLoca, (string Tag, int Offset, int Length, uint Checksum)[] copied)
        {
            this.font = font;
            this.glyf = glyf;
            this.loca = loca;
            this.shortLoca = shortLoca;
            this.copied = copied;
            tags = [.. copied.Select(t => t.Tag).Append("glyf").Append("loca").Order(StringComparer.Ordinal)];
        }

        public static FontTables? Parse(byte[] font)
        {
            var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
            var directory = new Dictionary<string, (int Offset, int Length, uint Checksum)>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var entry = font.AsSpan(12 + (16 * i));
                directory[System.Text.Encoding.ASCII.GetString(entry[..4])] = (
                    (int)BinaryPrimitives.ReadUInt32BigEndian(entry[8..]),
                    (int)BinaryPrimitives.ReadUInt32BigEndian(entry[12..]),
                    BinaryPrimitives.ReadUInt32BigEndian(entry[4..]));
            }

            if (Required.Any(t => !directory.ContainsKey(t)))
            {
                return null;
            }

            var glyphs = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(directory["maxp"].Offset + 4));
            var shortLoca = BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(directory["head"].Offset + 50)) == 0;
            var (locaAt, locaLength, _) = directory["loca"];
            var entries = locaLength / (shortLoca ? 2 : 4);
            if (entries < glyphs + 1)
            {
                return null;
            }

            var loca = new int[entries];
            for (var i = 0; i < entries; i++)
            {
                loca[i] = shortLoca
                    ? 2 * BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(locaAt + (2 * i)))
                    : BinaryPrimitives.ReadInt32BigEndian(font.AsSpan(locaAt + (4 * i)));
            }

            var copied = Copied.Where(directory.ContainsKey).Select(t => (t, directory[t].Offset, directory[t].Length, directory[t].Checksum)).ToArray();
            return new FontTables(font, directory["glyf"].Offset, loca[..(glyphs + 1)], shortLoca, copied);
        }

        /// <summary>The font program with only <paramref name="used"/> (and .notdef and their composite parts) kept.</summary>
        public byte[] Subset(IEnumerable<ushort> used)
        {
            // As GlyphDataTable.CompleteGlyphClosure: glyph 0, and the components of the used glyphs (one level).
            var keep = new BitArray(loca.Length);
            keep[0] = true;
            foreach (var glyph in used)
            {
                keep[glyph] = true;
                AddComponents(glyph, keep);
            }

            var glyphs = loca.Length - 1;
            var glyfLength = 0;
            for (var g = 0; g < glyphs; g++)
            {
                if (keep[g])
                {
                    glyfLength += loca[g + 1] - loca[g];
                }
            }

            var locaLength = (glyphs + 1) * (shortLoca ? 2 : 4);
            var lengths = new Dictionary<string, int>(StringComparer.Ordinal) { ["glyf"] = glyfLength, ["loca"] = locaLength };
            foreach (var table in copied)
            {
                lengths[table.Tag] = table.Length;
            }

            var position = 12 + (16 * tags.Length);
            var size = position + tags.Sum(t => Padded(lengths[t]));
            var output = new byte[size];
            var span = output.AsSpan();

            // The offset table, as OpenTypeFontFace.Compile writes it.
            var selector = (int)Math.Log2(tags.Length);
            BinaryPrimitives.WriteUInt32BigEndian(span, 0x00010000);
            BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)tags.Length);
            BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)((1 << selector) * 16));
            BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)selector);
            BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)((tags.Length - (1 << selector)) * 16));
            for (var i = 0; i < tags.Length; i++)
            {
                var tag = tags[i];
                var data = span.Slice(position, Padded(lengths[tag]));
                uint checksum;
                if (tag == "glyf")
                {
                    var at = 0;
                    for (var g = 0; g < glyphs; g++)
                    {
                        if (keep[g])
                        {
                            var length = loca[g + 1] - loca[g];
                            font.AsSpan(glyf + loca[g], length).CopyTo(data[at..]);
                            at += length;
                        }
                    }

                    checksum = Checksum(data);
                }
                else if (tag == "loca")
                {
                    var at = 0;
                    for (var g = 0; g <= glyphs; g++)
                    {
                        if (shortLoca)
                        {
                            BinaryPrimitives.WriteUInt16BigEndian(data[(2 * g)..], (ushort)(at / 2));
                        }
                        else
                        {
                            BinaryPrimitives.WriteInt32BigEndian(data[(4 * g)..], at);
                        }

                        if (g < glyphs && keep[g])
                        {
                            at += loca[g + 1] - loca[g];
                        }
                    }

                    checksum = Checksum(data);
                }
                else
                {
                    // Copied with the source's own padding bytes, and the checksum its directory states.
                    var table = copied.First(t => t.Tag == tag);
                    var available = Math.Min(data.Length, font.Length - table.Offset);
                    font.AsSpan(table.Offset, available).CopyTo(data);
                    checksum = table.Checksum;
                }

                var entry = span[(12 + (16 * i))..];
                System.Text.Encoding.ASCII.GetBytes(tag, entry);
                BinaryPrimitives.WriteUInt32BigEndian(entry[4..], checksum);
                BinaryPrimitives.WriteInt32BigEndian(entry[8..], position);
                BinaryPrimitives.WriteUInt32BigEndian(entry[12..], (uint)lengths[tag]);
                position += data.Length;
            }

            return output;
        }

        private void AddComponents(int glyph, BitArray keep)
        {
            var start = glyf + loca[glyph];
            if (loca[glyph + 1] == loca[glyph] || BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(start)) >= 0)
            {
                return;
            }

            // A composite glyph: flags and component glyph index, then arguments and transform, per component.
            var at = start + 10;
            while (true)
            {
                var flags = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(at));
                var component = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(at + 2));
                if (component < keep.Length)
                {
                    keep[component] = true;
                }

                if ((flags & 0x20) == 0)
                {
                    return;
                }

                var skip = (flags & 0x01) == 0 ? 2 : 4;
                skip += (flags & 0x08) != 0 ? 2 : (flags & 0x40) != 0 ? 4 : 0;
                skip += (flags & 0x80) != 0 ? 8 : 0;
                at += 4 + skip;
            }
        }

        private static int Padded(int length) => (length + 3) & ~3;

        private static uint Checksum(ReadOnlySpan<byte> data)
        {
            uint sum = 0;
            for (var i = 0; i + 4 <= data.Length; i += 4)
            {
                sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
            }

            return sum;
        }
    }
}
