using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Documents;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Iptc;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;
using SixLabors.ImageSharp.PixelFormats;

namespace PrivacyDesk.Web.Tests.Documents;

/// <summary>JPEG and PNG uploads: type by content, completeness, pixel limit before decoding, metadata stripped.</summary>
public sealed class ImageUploadTests : IDisposable
{
    private readonly DocumentInspector inspector = Inspectors.Create();

    public void Dispose() => inspector.Dispose();

    [Fact]
    public async Task A_jpeg_is_accepted_and_re_encoded()
    {
        var upload = SampleFiles.Jpeg(64, 48);

        var result = await inspector.InspectAsync(new MemoryStream(upload), upload.Length);

        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal("image/jpeg", result.Document.ContentType);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(result.Document.Bytes)), result.Document.Sha256);
        using var stored = Image.Load(result.Document.Bytes, out var format);
        Assert.Equal(JpegFormat.Instance, format);
        Assert.Equal((64, 48), (stored.Width, stored.Height));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    public async Task A_photo_is_sanitised_the_same_whatever_memory_the_image_pool_keeps(int poolMegabytes)
    {
        // A phone-sized photo needs more than a 16 MB pool holds: the rest is allocated and freed per upload.
        var upload = SampleFiles.Jpeg(1600, 1200);
        using var pooled = Inspectors.Create();
        using var small = Inspectors.Create(o => o.ImagePoolMegabytes = poolMegabytes);

        var expected = await pooled.InspectAsync(new MemoryStream(upload), upload.Length);
        var result = await small.InspectAsync(new MemoryStream(upload), upload.Length);

        Assert.True(expected.IsAccepted, expected.ToString());
        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal(expected.Document.Sha256, result.Document.Sha256);
        using var stored = Image.Load(result.Document.Bytes);
        Assert.Equal((1600, 1200), (stored.Width, stored.Height));
    }

    [Fact]
    public async Task A_png_is_accepted_and_stays_a_png()
    {
        var upload = SampleFiles.Png(40, 30);

        var result = await inspector.InspectAsync(new MemoryStream(upload), upload.Length);

        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal("image/png", result.Document.ContentType);
        using var stored = Image.Load<Rgb24>(result.Document.Bytes, out var format);
        Assert.Equal(PngFormat.Instance, format);
        Assert.Equal((40, 30), (stored.Width, stored.Height));
        Assert.Equal(new Rgb24(0, 0, 128), stored[0, 0]); // lossless
    }

    [Fact]
    public async Task Exif_with_gps_and_camera_xmp_and_iptc_are_gone_after_sanitising()
    {
        byte[] upload;
        using (var image = Image.Load(SampleFiles.Jpeg(64, 48)))
        {
            image.Metadata.ExifProfile = SampleFiles.PhoneExif();
            image.Metadata.XmpProfile = new XmpProfile(Encoding.UTF8.GetBytes(
                "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" +
                "<rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>XmpYamadaHanako</dc:creator></rdf:Description>" +
                "</rdf:RDF></x:xmpmeta>"));
            var iptc = new IptcProfile();
            iptc.SetValue(IptcTag.City, "IptcShinjuku");
            image.Metadata.IptcProfile = iptc;
            using var buffer = new MemoryStream();
            image.Save(buffer, new JpegEncoder { Quality = 90 });
            upload = buffer.ToArray();
        }

        // The sample really carries the metadata...
        using (var before = Image.Load(upload))
        {
            Assert.Equal("PrivacyCam 9000", before.Metadata.ExifProfile?.GetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.Model)?.Value);
            Assert.NotNull(before.Metadata.ExifProfile?.GetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.GPSLatitude));
        }

        Assert.True(Bytes.Contains(upload, "PrivacyCam"));
        Assert.True(Bytes.Contains(upload, "XmpYamadaHanako"));
        Assert.True(Bytes.Contains(upload, "IptcShinjuku"));

        var result = await inspector.InspectAsync(new MemoryStream(upload), upload.Length);

        // ...and the stored copy does not.
        Assert.True(result.IsAccepted, result.ToString());
        var stored = result.Document.Bytes;
        using var after = Image.Load(stored);
        Assert.Null(after.Metadata.ExifProfile);
        Assert.Null(after.Metadata.XmpProfile);
        Assert.Null(after.Metadata.IptcProfile);
        Assert.Null(after.Metadata.IccProfile);
        foreach (var marker in new[] { "Exif\0\0", "PrivacyCam", "PrivacyCorp", "2026:11:29", "http://ns.adobe.com/xap", "XmpYamadaHanako", "Photoshop 3.0", "IptcShinjuku" })
        {
            Assert.False(Bytes.Contains(stored, marker), $"'{marker}' survived sanitising");
        }
    }

    [Fact]
    public async Task The_exif_orientation_is_applied_to_the_pixels_before_it_is_dropped()
    {
        var upload = SampleFiles.Jpeg(64, 48, SampleFiles.PhoneExif(orientation: 6)); // 6: rotate 90° clockwise to view

        var result = await inspector.InspectAsync(new MemoryStream(upload), upload.Length);

        Assert.True(result.IsAccepted, result.ToString());
        using var stored = Image.Load(result.Document.Bytes);
        Assert.Equal((48, 64), (stored.Width, stored.Height));
        Assert.Null(stored.Metadata.ExifProfile);
    }

    [Fact]
    public async Task Png_text_and_exif_chunks_are_gone_after_sanitising()
    {
        byte[] upload;
        using (var image = Image.Load(SampleFiles.Png()))
        {
            image.Metadata.ExifProfile = SampleFiles.PhoneExif();
            image.Metadata.GetPngMetadata().TextData.Add(new PngTextData("Author", "PngTextYamada", string.Empty, string.Empty));
            using var buffer = new MemoryStream();
            image.Save(buffer, new PngEncoder());
            upload = buffer.ToArray();
        }

        Assert.True(Bytes.Contains(upload, "PngTextYamada"));
        Assert.True(Bytes.Contains(upload, "PrivacyCam"));

        var result = await inspector.InspectAsync(new MemoryStream(upload), upload.Length);

        Assert.True(result.IsAccepted, result.ToString());
        var stored = result.Document.Bytes;
        foreach (var marker in new[] { "PngTextYamada", "PrivacyCam", "tEXt", "iTXt", "zTXt", "eXIf", "iCCP", "pHYs" })
        {
            Assert.False(Bytes.Contains(stored, marker), $"'{marker}' survived sanitising");
        }

        using var after = Image.Load(stored);
        Assert.Null(after.Metadata.ExifProfile);
        Assert.Empty(after.Metadata.GetPngMetadata().TextData);
    }

    [Fact]
    public async Task A_text_file_renamed_to_jpg_is_refused_as_an_unsupported_type()
    {
        var upload = Encoding.UTF8.GetBytes("これは運転免許証ではありません。just text, saved as license.jpg\n");

        var result = await inspector.InspectAsync(new MemoryStream(upload), upload.Length);

        Assert.False(result.IsAccepted);
        Assert.Equal(DocumentErrorCodes.UnsupportedType, result.Error.Code);
        Assert.Equal("ファイルの形式が対応していません。JPEG、PNG、PDFのいずれかを添付してください。", result.Error.Japanese);
        Assert.Equal("This file type is not supported. Please attach a JPEG, PNG or PDF file.", result.Error.English);
    }

    [Fact]
    public async Task A_real_image_of_another_type_is_refused_as_an_unsupported_type()
    {
        var upload = SampleFiles.Gif();

        var result = await inspector.InspectAsync(new MemoryStream(upload), upload.Length);

        Assert.Equal(DocumentErrorCodes.UnsupportedType, result.Error?.Code);
    }

    [Fact]
    public async Task A_truncated_jpeg_is_refused()
    {
        var whole = SampleFiles.Jpeg(120, 90);
        var upload = whole[..(whole.Length * 2 / 3)];

        var result = await inspector.InspectAsync(new MemoryStream(upload), upload.Length);

        Assert.Equal(DocumentErrorCodes.ImageUnreadable, result.Error?.Code);
        Assert.StartsWith("画像を読み取れませんでした。", result.Error?.Japanese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_png_is_refused()
    {
        var whole = SampleFiles.Png(120, 90);
        var upload = whole[..(whole.Length / 2)];

        var result = await inspector.InspectAsync(new MemoryStream(upload), upload.Length);

        Assert.Equal(DocumentErrorCodes.ImageUnreadable, result.Error?.Code);
    }

    [Fact]
    public async Task Jpeg_magic_bytes_followed_by_garbage_are_refused()
    {
        var upload = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }.Concat(Encoding.ASCII.GetBytes(new string('x', 500))).ToArray();

        var result = await inspector.InspectAsync(new MemoryStream(upload), upload.Length);

        Assert.Equal(DocumentErrorCodes.ImageUnreadable, result.Error?.Code);
    }

    [Fact]
    public async Task A_png_with_corrupt_image_data_is_refused()
    {
        var upload = SampleFiles.Png(120, 90);
        var data = upload.AsSpan().IndexOf("IDAT"u8);
        upload[data + 6] ^= 0xFF; // the chunk's CRC no longer matches

        var result = await inspector.InspectAsync(new MemoryStream(upload), upload.Length);

        Assert.False(result.IsAccepted);
        Assert.Equal(DocumentErrorCodes.ImageUnreadable, result.Error.Code);
    }

    [Fact]
    public async Task A_png_without_image_data_is_refused()
    {
        var upload = SampleFiles.Png(120, 90);
        var data = upload.AsSpan().IndexOf("IDAT"u8);
        "IDAX"u8.CopyTo(upload.AsSpan(data)); // now an unknown chunk: no pixels at all

        var result = await inspector.InspectAsync(new MemoryStream(upload), upload.Length);

        Assert.Equal(DocumentErrorCodes.ImageUnreadable, result.Error?.Code);
    }

    [Fact]
    public void A_png_decompression_bomb_is_refused_from_its_header_without_allocating_its_pixels()
    {
        var bomb = SampleFiles.PngBomb(20_000, 20_000); // 400 megapixels, 1.6 GB as RGBA
        Assert.True(bomb.Length < 100_000, $"the bomb is {bomb.Length} bytes");

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var result = inspector.Inspect(bomb);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.False(result.IsAccepted);
        Assert.Equal(DocumentErrorCodes.ImageTooLarge, result.Error.Code);
        Assert.StartsWith("画像のサイズ（画素数）が大きすぎます。", result.Error.Japanese, StringComparison.Ordinal);
        Assert.True(allocated < 8 * 1024 * 1024, $"{allocated:N0} bytes allocated while refusing the bomb");
    }

    [Fact]
    public async Task A_jpeg_whose_header_claims_huge_dimensions_is_refused_before_decoding()
    {
        var upload = SampleFiles.JpegClaiming(60_000, 60_000);

        var result = await inspector.InspectAsync(new MemoryStream(upload), upload.Length);

        Assert.Equal(DocumentErrorCodes.ImageTooLarge, result.Error?.Code);
    }

    [Fact]
    public async Task The_pixel_limit_is_configurable()
    {
        using var strict = Inspectors.Create(o => o.MaxPixels = 64 * 48 - 1);
        var upload = SampleFiles.Jpeg(64, 48);

        var refused = await strict.InspectAsync(new MemoryStream(upload), upload.Length);
        var accepted = await inspector.InspectAsync(new MemoryStream(upload), upload.Length);

        Assert.Equal(DocumentErrorCodes.ImageTooLarge, refused.Error?.Code);
        Assert.True(accepted.IsAccepted);
    }

    [Fact]
    public async Task A_sanitised_image_passes_inspection_again()
    {
        var upload = SampleFiles.Jpeg(64, 48, SampleFiles.PhoneExif());
        var first = await inspector.InspectAsync(new MemoryStream(upload), upload.Length);
        Assert.True(first.IsAccepted);

        var second = await inspector.InspectAsync(new MemoryStream(first.Document.Bytes), first.Document.Bytes.Length);

        Assert.True(second.IsAccepted, second.ToString());
    }
}

internal static class Inspectors
{
    public static DocumentInspector Create(Action<DocumentOptions>? configure = null)
    {
        var options = new DocumentOptions();
        configure?.Invoke(options);
        return new DocumentInspector(Options.Create(options), NullLogger<DocumentInspector>.Instance);
    }
}

internal static class Bytes
{
    public static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;

    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
