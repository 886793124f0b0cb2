using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace PrivacyDesk.Web.Documents;

/// <summary>What the PNG header (IHDR) says, read without inflating anything.</summary>
internal readonly record struct PngHeader(int Width, int Height, byte BitDepth, byte ColorType, bool Interlaced, bool HasTransparency)
{
    public long Pixels => (long)Width * Height;

    /// <summary>Alpha in the pixels (grey+alpha, RGBA) or a tRNS chunk: decoded as RGBA, otherwise as RGB.</summary>
    public bool HasAlpha => ColorType is 4 or 6 || HasTransparency;
}

/// <summary>What the JPEG frame header (SOFn) says, and how many scans follow, read without decoding anything.</summary>
internal readonly record struct JpegHeader(int Width, int Height, int Components, bool Progressive, int Scans)
{
    public long Pixels => (long)Width * Height;
}

/// <summary>
/// Cheap structural work done before any decoder runs. A file must be complete (IHDR…IDAT…IEND; SOI, frame, scans,
/// EOI): decoders forgive a file cut short by filling the rest with grey, which for an identity document means an
/// unreadable copy that staff would have to ask for again, so it is refused at upload instead. And it is rewritten
/// before any decoder sees it, so that the decoder has nothing to inflate but the pixels that the
/// header announces (and that <see cref="DocumentOptions.MaxPixels"/> and <see cref="DocumentOptions.MaxDecodeBytes"/>
/// were checked against). A PNG keeps only IHDR, PLTE, tRNS, IDAT and IEND: no zTXt, iTXt or iCCP chunk (each of which
/// the decoder would inflate whole, with no limit: a 1 MB zTXt inflates to 1 GiB), no tEXt, eXIf, APNG frames or
/// private chunks. A JPEG keeps only the segments the decoder needs (tables, frame, scans, restart intervals, JFIF,
/// the Adobe colour transform and the EXIF block, which carries the orientation); ICC, XMP, IPTC, comments and other
/// application segments are dropped. Everything dropped here would be dropped on re-encoding anyway.
/// </summary>
internal static class ImageStructure
{
    /// <summary>More scans than any encoder writes (libjpeg's progressive script has 10): a CPU bomb, not a photo.</summary>
    public const int MaxJpegScans = 100;

    /// <summary>
    /// What all compressed metadata chunks of one PNG (zTXt, compressed iTXt, iCCP) may inflate to together before the
    /// file counts as a bomb. They are only measured, never kept: a real ICC profile or text is a few KB.
    /// </summary>
    public const long MaxPngMetadataBytes = 4 * 1024 * 1024;

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// The PNG with its critical chunks only, or null when the chunk structure or IHDR is invalid, or (then
    /// <paramref name="bomb"/> is set) when its compressed metadata inflates past <see cref="MaxPngMetadataBytes"/>.
    /// </summary>
    public static ArraySegment<byte>? RewritePng(byte[] png, out PngHeader header, out bool bomb)
    {
        header = default;
        bomb = false;
        var metadataBudget = MaxPngMetadataBytes;
        if (!png.AsSpan().StartsWith(PngSignature))
        {
            return null;
        }

        using var output = new MemoryStream(png.Length);
        output.Write(PngSignature);
        var position = PngSignature.Length;
        var first = true;
        var seenData = false;
        var transparency = false;
        while (position + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position));
            if (length > int.MaxValue || position + 12L + length > png.Length)
            {
                return null;
            }

            var type = png.AsSpan(position + 4, 4);
            var whole = png.AsSpan(position, 12 + (int)length);
            var data = png.AsSpan(position + 8, (int)length);
            var dataOffset = position + 8;
            position += 12 + (int)length;

            if (first)
            {
                if (!type.SequenceEqual("IHDR"u8) || !TryReadIhdr(data, out header))
                {
                    return null;
                }

                first = false;
                output.Write(whole);
                continue;
            }

            if (type.SequenceEqual("IEND"u8))
            {
                if (!seenData)
                {
                    return null;
                }

                output.Write(whole);
                header = header with { HasTransparency = transparency };
                return Written(output);
            }

            if (type.SequenceEqual("IDAT"u8))
            {
                seenData = true;
                output.Write(whole);
            }
            else if (type.SequenceEqual("PLTE"u8) && !seenData && length is > 0 and <= 768 && length % 3 == 0)
            {
                output.Write(whole);
            }
            else if (type.SequenceEqual("tRNS"u8) && !seenData && length <= 256)
            {
                transparency = true;
                output.Write(whole);
            }
            else if (CompressedPayload(type, data) is { } payload)
            {
                // Dropped like every other chunk below, but measured first: a bomb is refused, not quietly cleaned.
                metadataBudget -= InflatedLength(png, dataOffset + payload, (int)length - payload, metadataBudget);
                if (metadataBudget < 0)
                {
                    bomb = true;
                    return null;
                }
            }

            // Every other chunk (text, ICC, EXIF, animation, private) is left out.
        }

        return null; // no IEND
    }

    /// <summary>
    /// How many bytes the image data (all IDAT chunks) of a PNG rewritten by <see cref="RewritePng"/> inflates to, counted
    /// up to just past <paramref name="limit"/>: more than <see cref="ExpectedPngDataBytes"/> is a bomb (the decoder would
    /// stop early, but the file is hostile all the same).
    /// </summary>
    public static long PngDataLength(ArraySegment<byte> png, long limit)
    {
        using var data = new MemoryStream();
        var position = PngSignature.Length;
        while (position + 12 <= png.Count)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position));
            if (png.AsSpan(position + 4, 4).SequenceEqual("IDAT"u8))
            {
                data.Write(png.AsSpan(position + 8, length));
            }

            position += 12 + length;
        }

        return InflatedLength(data.GetBuffer(), 0, (int)data.Length, limit);
    }

    /// <summary>The exact length of the filtered scanlines the header announces (all seven passes when interlaced).</summary>
    public static long ExpectedPngDataBytes(PngHeader header)
    {
        var channels = header.ColorType switch { 2 => 3, 4 => 2, 6 => 4, _ => 1 };
        var bits = (long)channels * header.BitDepth;
        long Rows(long width, long height) => width == 0 || height == 0 ? 0 : height * (1 + (((width * bits) + 7) / 8));
        if (!header.Interlaced)
        {
            return Rows(header.Width, header.Height);
        }

        ReadOnlySpan<(int X, int Y, int Dx, int Dy)> passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        long total = 0;
        foreach (var (x, y, dx, dy) in passes)
        {
            total += Rows(Math.Max(0, (header.Width - x + dx - 1) / dx), Math.Max(0, (header.Height - y + dy - 1) / dy));
        }

        return total;
    }

    /// <summary>Where the zlib data starts in a zTXt, compressed iTXt or iCCP chunk; null for any other chunk.</summary>
    private static int? CompressedPayload(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        var keywordEnd = data.IndexOf((byte)0);
        if (keywordEnd < 0)
        {
            return null;
        }

        if (type.SequenceEqual("zTXt"u8) || type.SequenceEqual("iCCP"u8))
        {
            return keywordEnd + 2 <= data.Length ? keywordEnd + 2 : null; // keyword, NUL, method
        }

        if (type.SequenceEqual("iTXt"u8) && keywordEnd + 3 <= data.Length && data[keywordEnd + 1] == 1)
        {
            // keyword, NUL, compression flag, method, language tag, NUL, translated keyword, NUL, text
            var rest = keywordEnd + 3;
            var language = data[rest..].IndexOf((byte)0);
            var translated = language < 0 ? -1 : data[(rest + language + 1)..].IndexOf((byte)0);
            return translated < 0 ? null : rest + language + 1 + translated + 1;
        }

        return null;
    }

    /// <summary>Inflates zlib data into nothing, counting, and stops just past <paramref name="limit"/>. Corrupt data counts as far as it went.</summary>
    private static long InflatedLength(byte[] buffer, int offset, int count, long limit)
    {
        using var input = new MemoryStream(buffer, offset, count, writable: false);
        using var inflater = new ZLibStream(input, CompressionMode.Decompress);
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        long total = 0;
        try
        {
            int read;
            while ((read = inflater.Read(chunk)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    break;
                }
            }
        }
        catch (InvalidDataException)
        {
            // Not valid zlib: measured as far as it inflated; the decoder refuses broken image data on its own.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return total;
    }

    private static bool TryReadIhdr(ReadOnlySpan<byte> data, out PngHeader header)
    {
        header = default;
        if (data.Length != 13)
        {
            return false;
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(data);
        var height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        var (depth, colour, compression, filter, interlace) = (data[8], data[9], data[10], data[11], data[12]);
        var validDepth = colour switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue || !validDepth || compression != 0 || filter != 0 || interlace > 1)
        {
            return false;
        }

        header = new PngHeader((int)width, (int)height, depth, colour, interlace == 1, false);
        return true;
    }

    /// <summary>
    /// The JPEG without metadata segments, and its frame header, or null when the marker structure is invalid, the
    /// frame header is missing, repeated or announces no height (DNL), or there are more than <see cref="MaxJpegScans"/> scans.
    /// </summary>
    public static ArraySegment<byte>? RewriteJpeg(ReadOnlySpan<byte> jpeg, out JpegHeader header)
    {
        header = default;
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return null;
        }

        using var output = new MemoryStream(jpeg.Length);
        output.Write([0xFF, 0xD8]);
        var position = 2;
        var frameSeen = false;
        var scans = 0;
        while (true)
        {
            if (position >= jpeg.Length || jpeg[position] != 0xFF)
            {
                return null;
            }

            while (position < jpeg.Length && jpeg[position] == 0xFF)
            {
                position++;
            }

            if (position >= jpeg.Length)
            {
                return null;
            }

            var marker = jpeg[position++];
            if (marker == 0xD9)
            {
                if (scans == 0)
                {
                    return null;
                }

                output.Write([0xFF, 0xD9]);
                header = header with { Scans = scans };
                return Written(output);
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7) or 0xD8)
            {
                if (marker == 0xD8)
                {
                    return null; // a second start of image
                }

                continue;
            }

            if (position + 2 > jpeg.Length)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[position..]);
            if (length < 2 || position + length > jpeg.Length)
            {
                return null;
            }

            var segment = jpeg.Slice(position - 2, length + 2);
            var payload = jpeg.Slice(position + 2, length - 2);
            position += length;

            if (IsFrameMarker(marker))
            {
                if (frameSeen || !TryReadFrame(marker, payload, out header))
                {
                    return null;
                }

                frameSeen = true;
                output.Write(segment);
                continue;
            }

            if (!KeepJpegSegment(marker, payload))
            {
                continue;
            }

            output.Write(segment);
            if (marker != 0xDA)
            {
                continue;
            }

            if (!frameSeen || ++scans > MaxJpegScans)
            {
                return null;
            }

            // Entropy-coded data up to the next marker that is neither a stuffed 0xFF00 nor a restart marker.
            var start = position;
            while (true)
            {
                var next = jpeg[position..].IndexOf((byte)0xFF);
                if (next < 0 || position + next + 1 >= jpeg.Length)
                {
                    return null;
                }

                position += next;
                var following = jpeg[position + 1];
                if (following == 0x00 || following is >= 0xD0 and <= 0xD7 || following == 0xFF)
                {
                    position += following == 0xFF ? 1 : 2;
                    continue;
                }

                break;
            }

            output.Write(jpeg[start..position]);
        }
    }

    /// <summary>
    /// What was written, without copying it out: the rewrite is never longer than the upload, so the stream's buffer
    /// (sized to the upload) never grew, and the decoder reads it in place.
    /// </summary>
    private static ArraySegment<byte> Written(MemoryStream output) =>
        output.TryGetBuffer(out var written) ? written : new ArraySegment<byte>(output.ToArray());

    /// <summary>SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).</summary>
    private static bool IsFrameMarker(byte marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);

    private static bool TryReadFrame(byte marker, ReadOnlySpan<byte> payload, out JpegHeader header)
    {
        header = default;
        if (payload.Length < 6)
        {
            return false;
        }

        var height = BinaryPrimitives.ReadUInt16BigEndian(payload[1..]);
        var width = BinaryPrimitives.ReadUInt16BigEndian(payload[3..]);
        var components = payload[5];
        if (height == 0 || width == 0 || components is 0 or > 4 || payload.Length < 6 + (3 * components))
        {
            return false;
        }

        header = new JpegHeader(width, height, components, marker is 0xC2 or 0xC6 or 0xCA or 0xCE, 0);
        return true;
    }

    /// <summary>
    /// Tables, scans and restart intervals; JFIF (APP0) and the Adobe transform flag (APP14), which change how colours
    /// are read; the EXIF block (APP1 starting "Exif"), which holds the orientation applied before it is dropped.
    /// </summary>
    private static bool KeepJpegSegment(byte marker, ReadOnlySpan<byte> payload) => marker switch
    {
        0xC4 or 0xCC or 0xDB or 0xDD or 0xDA => true,
        0xE0 => payload.StartsWith("JFIF\0"u8),
        0xE1 => payload.StartsWith("Exif\0\0"u8),
        0xEE => payload.StartsWith("Adobe"u8),
        _ => false,
    };
}
