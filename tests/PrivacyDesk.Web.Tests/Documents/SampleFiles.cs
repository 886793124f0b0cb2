using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace PrivacyDesk.Web.Tests.Documents;

/// <summary>
/// Small valid (and deliberately broken) documents made in code, for any test that uploads a file: a JPEG, a PNG and
/// a one-page PDF that <c>DocumentInspector</c> accepts, and the hostile variants its tests refuse.
/// </summary>
public static class SampleFiles
{
    /// <summary>A JPEG of a colour gradient, without metadata unless <paramref name="exif"/> is given.</summary>
    public static byte[] Jpeg(int width = 64, int height = 48, ExifProfile? exif = null)
    {
        using var image = Gradient(width, height);
        image.Metadata.ExifProfile = exif;
        using var output = new MemoryStream();
        image.Save(output, new JpegEncoder { Quality = 90 });
        return output.ToArray();
    }

    /// <summary>A PNG of a colour gradient.</summary>
    public static byte[] Png(int width = 64, int height = 48)
    {
        using var image = Gradient(width, height);
        using var output = new MemoryStream();
        image.Save(output, new PngEncoder());
        return output.ToArray();
    }

    /// <summary>A GIF: a real image, but not a type the co-op accepts.</summary>
    public static byte[] Gif(int width = 16, int height = 16)
    {
        using var image = Gradient(width, height);
        using var output = new MemoryStream();
        image.SaveAsGif(output);
        return output.ToArray();
    }

    /// <summary>EXIF as a phone writes it: camera, time and GPS position (Tokyo), and an orientation (6 = rotate 90°).</summary>
    public static ExifProfile PhoneExif(ushort orientation = 1)
    {
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, "PrivacyCorp");
        exif.SetValue(ExifTag.Model, "PrivacyCam 9000");
        exif.SetValue(ExifTag.DateTimeOriginal, "2026:11:29 10:15:00");
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(35, 1), new Rational(41, 1), new Rational(2205, 100)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(139, 1), new Rational(42, 1), new Rational(3011, 100)]);
        exif.SetValue(ExifTag.Orientation, orientation);
        return exif;
    }

    /// <summary>
    /// A PNG decompression bomb: a header announcing <paramref name="width"/> × <paramref name="height"/> 1-bit grey
    /// pixels, with image data that really inflates to that size (all zero), a few dozen KB on disk.
    /// </summary>
    public static byte[] PngBomb(int width = 20_000, int height = 20_000)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 1; // bit depth
        header[9] = 0; // greyscale
        WritePngChunk(output, "IHDR", header);

        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                var row = new byte[1 + ((width + 7) / 8)]; // filter byte + packed bits, all zero
                for (var y = 0; y < height; y++)
                {
                    zlib.Write(row);
                }
            }

            WritePngChunk(output, "IDAT", compressed.ToArray());
        }

        WritePngChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>A JPEG whose frame header (SOF0) claims other dimensions than its data has.</summary>
    public static byte[] JpegClaiming(int width, int height)
    {
        var jpeg = Jpeg();
        for (var i = 2; i < jpeg.Length - 9; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), (ushort)width);
                return jpeg;
            }
        }

        throw new InvalidOperationException("No SOF0 marker in the sample JPEG.");
    }

    /// <summary>
    /// A minimal, valid PDF 1.7 written by hand with a correct cross-reference table: a catalog (object 1), the page
    /// tree (2), <paramref name="pages"/> pages each with a text content stream and Helvetica, then
    /// <paramref name="extraObjects"/> numbered from <see cref="FirstExtraObject"/>(<paramref name="pages"/>) on.
    /// <paramref name="catalogEntries"/>, <paramref name="pageEntries"/> and <paramref name="trailerEntries"/> are
    /// added verbatim to those dictionaries (e.g. <c>/OpenAction 6 0 R</c>).
    /// </summary>
    public static byte[] Pdf(
        string catalogEntries = "",
        IReadOnlyList<string>? extraObjects = null,
        string trailerEntries = "",
        int pages = 1,
        string pageEntries = "")
    {
        var objects = StandardObjects(catalogEntries, pages, pageEntries);
        objects.AddRange(extraObjects ?? []);

        var pdf = new StringBuilder("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R {trailerEntries}>>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }

    /// <summary>The number of the first object after the standard ones, for references in <c>extraObjects</c>.</summary>
    public static int FirstExtraObject(int pages = 1) => 3 + (3 * pages);

    /// <summary>
    /// A PDF 1.5 whose extra objects live compressed (FlateDecode) in an object stream, found through a
    /// cross-reference stream, as modern writers do; the objects' text does not appear in the file's bytes.
    /// Object numbers are as in <see cref="Pdf"/>.
    /// </summary>
    public static byte[] PdfWithObjectStream(string catalogEntries, IReadOnlyList<string> compressedObjects)
    {
        var objects = StandardObjects(catalogEntries, 1, "");
        var firstCompressed = objects.Count + 1;
        var objectStreamNumber = firstCompressed + compressedObjects.Count;
        var xrefNumber = objectStreamNumber + 1;

        // The object stream: "number offset" pairs, then the objects.
        var pairs = new StringBuilder();
        var bodies = new StringBuilder();
        for (var i = 0; i < compressedObjects.Count; i++)
        {
            pairs.Append(CultureInfo.InvariantCulture, $"{firstCompressed + i} {bodies.Length} ");
            bodies.Append(compressedObjects[i]).Append('\n');
        }

        var packed = Deflate(Encoding.Latin1.GetBytes(pairs.ToString() + bodies));

        using var pdf = new MemoryStream();
        void Write(string text) => pdf.Write(Encoding.Latin1.GetBytes(text));
        Write("%PDF-1.5\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            Write($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var objectStreamOffset = pdf.Position;
        Write($"{objectStreamNumber} 0 obj\n<< /Type /ObjStm /N {compressedObjects.Count} /First {pairs.Length} /Filter /FlateDecode /Length {packed.Length} >>\nstream\n");
        pdf.Write(packed);
        Write("\nendstream\nendobj\n");

        // The cross-reference stream: W [1 4 2]; type 1 = offset, type 2 = (object stream, index).
        var xrefOffset = pdf.Position;
        var entries = new List<(byte Type, uint Field2, ushort Field3)> { (0, 0, 0xFFFF) };
        entries.AddRange(offsets.Select(o => ((byte)1, (uint)o, (ushort)0)));
        entries.AddRange(compressedObjects.Select((_, i) => ((byte)2, (uint)objectStreamNumber, (ushort)i)));
        entries.Add((1, (uint)objectStreamOffset, 0));
        entries.Add((1, (uint)xrefOffset, 0));
        var table = new byte[entries.Count * 7];
        for (var i = 0; i < entries.Count; i++)
        {
            table[i * 7] = entries[i].Type;
            BinaryPrimitives.WriteUInt32BigEndian(table.AsSpan((i * 7) + 1), entries[i].Field2);
            BinaryPrimitives.WriteUInt16BigEndian(table.AsSpan((i * 7) + 5), entries[i].Field3);
        }

        Write($"{xrefNumber} 0 obj\n<< /Type /XRef /Size {xrefNumber + 1} /W [1 4 2] /Root 1 0 R /Length {table.Length} >>\nstream\n");
        pdf.Write(table);
        Write($"\nendstream\nendobj\nstartxref\n{xrefOffset}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static List<string> StandardObjects(string catalogEntries, int pages, string pageEntries)
    {
        var kids = string.Join(' ', Enumerable.Range(0, pages).Select(p => $"{3 + (3 * p)} 0 R"));
        var objects = new List<string>
        {
            $"<< /Type /Catalog /Pages 2 0 R {catalogEntries}>>",
            $"<< /Type /Pages /Kids [{kids}] /Count {pages} >>",
        };
        for (var p = 0; p < pages; p++)
        {
            var number = 3 + (3 * p);
            var content = $"BT /F1 24 Tf 72 720 Td (Sample page {p + 1}) Tj ET";
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {number + 1} 0 R " +
                $"/Resources << /Font << /F1 {number + 2} 0 R >> >> {pageEntries}>>");
            objects.Add($"<< /Length {content.Length} >>\nstream\n{content}\nendstream");
            objects.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        }

        return objects;
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static Image<Rgb24> Gradient(int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = new Rgb24((byte)(x * 255 / Math.Max(1, width - 1)), (byte)(y * 255 / Math.Max(1, height - 1)), 128);
            }
        }

        return image;
    }

    private static void WritePngChunk(Stream output, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        output.Write(number);
    }

    internal static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
