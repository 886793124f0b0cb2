using System.Buffers.Binary;

namespace PrivacyDesk.Web.Documents;

/// <summary>
/// Cheap structural checks done before any decoder runs: is the file complete? Decoders tend to forgive a file cut
/// short (filling the rest with grey), which for an identity document means an unreadable copy that staff would have
/// to ask for again, so it is refused at upload instead.
/// </summary>
internal static class ImageStructure
{
    /// <summary>
    /// Walks the JPEG marker segments from SOI to the first SOS (start of scan), then requires an EOI marker after it.
    /// Markers inside entropy-coded data are byte-stuffed, so FF D9 there is the real end; an EOI inside an EXIF
    /// thumbnail comes before the first SOS and does not count. Data after EOI is allowed (it is dropped on re-encode).
    /// </summary>
    public static bool IsCompleteJpeg(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return false;
        }

        var position = 2;
        while (true)
        {
            if (position >= jpeg.Length || jpeg[position] != 0xFF)
            {
                return false;
            }

            while (position < jpeg.Length && jpeg[position] == 0xFF)
            {
                position++; // fill bytes
            }

            if (position >= jpeg.Length)
            {
                return false;
            }

            var marker = jpeg[position++];
            if (marker == 0xD9)
            {
                return false; // end of image before any scan
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // markers without a length
            }

            if (position + 2 > jpeg.Length)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[position..]);
            if (length < 2 || position + length > jpeg.Length)
            {
                return false;
            }

            position += length;
            if (marker == 0xDA)
            {
                return jpeg[position..].IndexOf([(byte)0xFF, (byte)0xD9]) >= 0;
            }
        }
    }

    /// <summary>IHDR first, then chunks whose lengths add up, with image data (IDAT), until IEND.</summary>
    public static bool IsCompletePng(ReadOnlySpan<byte> png)
    {
        const int Signature = 8;
        if (png.Length < Signature + 12 || !png[12..16].SequenceEqual("IHDR"u8))
        {
            return false;
        }

        long position = Signature;
        var hasData = false;
        while (position + 12 <= png.Length)
        {
            var chunk = png[(int)position..];
            var length = BinaryPrimitives.ReadUInt32BigEndian(chunk);
            if (length > int.MaxValue)
            {
                return false;
            }

            if (chunk[4..8].SequenceEqual("IEND"u8))
            {
                return hasData;
            }

            hasData |= chunk[4..8].SequenceEqual("IDAT"u8);

            position += 12L + length;
        }

        return false;
    }
}
