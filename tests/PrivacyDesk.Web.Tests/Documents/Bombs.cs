using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace PrivacyDesk.Web.Tests.Documents;

/// <summary>
/// Decompression bombs made in the test, as an attacker would make them: small files whose compressed parts inflate
/// to a gigabyte, or whose headers announce more pixels or memory than the budgets allow.
/// </summary>
public static class Bombs
{
    public const long GiB = 1024L * 1024 * 1024;

    /// <summary>zlib data that inflates to 1 GiB of zeros (about 1 MB); made once per test run.</summary>
    private static readonly Lazy<byte[]> GigabyteOfZeros = new(() => Zeros(GiB));

    /// <summary>A valid small PNG with a zTXt chunk that inflates to 1 GiB: the file that took the app down.</summary>
    public static byte[] PngWithZtxt() => PngWithChunk("zTXt", [.. "Comment"u8, 0, 0, .. GigabyteOfZeros.Value]);

    /// <summary>The same with a compressed iTXt chunk (keyword, flag 1, method 0, empty language and translated keyword).</summary>
    public static byte[] PngWithItxt() => PngWithChunk("iTXt", [.. "XML:com.adobe.xmp"u8, 0, 1, 0, 0, 0, .. GigabyteOfZeros.Value]);

    /// <summary>The same with an ICC profile (iCCP) that inflates to 1 GiB.</summary>
    public static byte[] PngWithIccp() => PngWithChunk("iCCP", [.. "ICC Profile"u8, 0, 0, .. GigabyteOfZeros.Value]);

    /// <summary>A PNG announcing 1000 × 1000 grey pixels (1 MB of scanlines) whose image data inflates to 1 GiB.</summary>
    public static byte[] PngWithOversizedImageData()
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, 1000);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 1000);
        header[8] = 8; // bit depth
        header[9] = 0; // greyscale
        return Png(("IHDR", header), ("IDAT", GigabyteOfZeros.Value), ("IEND", []));
    }

    /// <summary>A progressive JPEG (SOF2) announcing 8000 × 4000 pixels: within the pixel limit, over the memory budget.</summary>
    public static byte[] ProgressiveJpegClaiming(int width, int height)
    {
        var jpeg = SampleFiles.JpegClaiming(width, height);
        var frame = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
        jpeg[frame + 1] = 0xC2;
        return jpeg;
    }

    /// <summary>A PDF whose object stream (which a parser must inflate to read the objects in it) inflates to 1 GiB.</summary>
    public static byte[] PdfWithObjectStreamBomb()
    {
        using var pdf = new MemoryStream();
        void Write(string text) => pdf.Write(Encoding.Latin1.GetBytes(text));
        Write("%PDF-1.5\n%\u00e2\u00e3\u00cf\u00d3\n");
        Write($"1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {GigabyteOfZeros.Value.Length} >>\nstream\n");
        pdf.Write(GigabyteOfZeros.Value);
        Write("\nendstream\nendobj\n2 0 obj\n<< /Type /Catalog /Pages 3 0 R >>\nendobj\n");
        Write("3 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 2 0 R /Size 4 >>\n%%EOF\n");
        return pdf.ToArray();
    }

    /// <summary><paramref name="png"/> with an ordinary zTXt comment and iCCP profile, each a few hundred bytes inflated.</summary>
    public static byte[] PngWithSmallCompressedChunks(byte[] png)
    {
        var text = Deflate(new byte[300]);
        return PngWithChunk(PngWithChunk(png, "zTXt", [.. "Comment"u8, 0, 0, .. text]), "iCCP", [.. "ICC Profile"u8, 0, 0, .. text]);
    }

    private static byte[] PngWithChunk(string type, byte[] data) => PngWithChunk(SampleFiles.Png(40, 30), type, data);

    private static byte[] PngWithChunk(byte[] png, string type, byte[] data)
    {
        // The chunk goes right after IHDR (8-byte signature + 25-byte IHDR chunk).
        using var output = new MemoryStream();
        output.Write(png, 0, 33);
        WriteChunk(output, type, data);
        output.Write(png, 33, png.Length - 33);
        return output.ToArray();
    }

    private static byte[] Png(params (string Type, byte[] Data)[] chunks)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        foreach (var (type, data) in chunks)
        {
            WriteChunk(output, type, data);
        }

        return output.ToArray();
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, SampleFiles.Crc32([.. typeBytes, .. data]));
        output.Write(number);
    }

    private static byte[] Deflate(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return compressed.ToArray();
    }

    private static byte[] Zeros(long length)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var block = new byte[1024 * 1024];
            for (long written = 0; written < length; written += block.Length)
            {
                zlib.Write(block);
            }
        }

        return compressed.ToArray();
    }
}
