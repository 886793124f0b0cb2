using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace PrivacyDesk.Web.Documents;

/// <summary>
/// Checks an uploaded identity document by its content, never by the browser's content type or file name:
/// JPEG and PNG must carry their magic bytes, be complete, fit <see cref="DocumentOptions.MaxPixels"/> and
/// <see cref="DocumentOptions.MaxDecodeBytes"/> (read from the header before decoding), and decode from a rewrite that
/// holds only their pixel data (<see cref="ImageStructure"/>) within <see cref="DocumentOptions.DecodeTimeout"/>; they are then re-encoded without any metadata (EXIF incl. GPS, XMP, ICC, IPTC,
/// comments, PNG text). PDFs must be well-formed, unencrypted, have pages and contain no scripts or automatic actions
/// (see <see cref="PdfInspector"/>); they are stored as uploaded.
/// </summary>
/// <remarks>Logs sizes and refusal codes only: never content, and it is never given the uploader's file name.</remarks>
public sealed class DocumentInspector : IDisposable
{
    internal const string Jpeg = "image/jpeg";
    internal const string Png = "image/png";
    internal const string Pdf = "application/pdf";

    private const int CopyBufferSize = 81_920;

    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();

    private readonly DocumentOptions options;
    private readonly ILogger<DocumentInspector> logger;
    private readonly SemaphoreSlim gate;

    /// <summary>Only the JPEG and PNG codecs: no other ImageSharp decoder (GIF, TIFF, WebP, BMP…) is reachable.</summary>
    private readonly Configuration imageConfiguration;

    public DocumentInspector(IOptions<DocumentOptions> options, ILogger<DocumentInspector> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.logger = logger;
        gate = new SemaphoreSlim(Math.Max(1, this.options.MaxConcurrentInspections));
        if (NativeHeap.SetMmapThreshold(this.options.NativeMmapThresholdKilobytes * 1024))
        {
            logger.LogInformation("Native blocks above {Kilobytes} KiB are mapped on their own and returned when freed", this.options.NativeMmapThresholdKilobytes);
        }

        imageConfiguration = new Configuration(new JpegConfigurationModule(), new PngConfigurationModule())
        {
            MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions
            {
                // Pooled between uploads (resident whether or not a decode runs): Documents:ImagePoolMegabytes.
                MaximumPoolSizeMegabytes = this.options.ImagePoolMegabytes,

                // No single buffer beyond the decode budget, whatever the decoder computes (a second line behind the header check).
                AllocationLimitMegabytes = (int)Math.Clamp(this.options.MaxDecodeBytes / DocumentOptions.MiB, 1, 4096),
            }),

            // One core per decode: parallel uploads are what uses the others, and a bomb cannot take every core.
            MaxDegreeOfParallelism = 1,
        };
    }

    /// <summary>
    /// Reads and checks one uploaded file. <paramref name="declaredLength"/> is the length the client announced
    /// (<c>IFormFile.Length</c>; pass -1 if unknown): a file announced too large is refused without reading it, and a
    /// file that turns out larger than announced is refused as soon as it passes the limit.
    /// </summary>
    public async Task<DocumentCheckResult> InspectAsync(Stream content, long declaredLength, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (declaredLength > options.MaxFileBytes)
        {
            return Refuse(DocumentErrors.FileTooLarge(options.MaxFileBytes), declaredLength);
        }

        var bytes = await ReadLimitedAsync(content, declaredLength, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return Refuse(DocumentErrors.FileTooLarge(options.MaxFileBytes), options.MaxFileBytes + 1);
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Inspect(bytes, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// A small JPEG preview (at most <paramref name="maxSide"/> pixels a side) of a stored image, which this inspector
    /// sanitised when it arrived. Decoded like an upload: only the JPEG and PNG codecs, the same memory pool and
    /// allocation limit, one core, and in turn with the inspections (<see cref="DocumentOptions.MaxConcurrentInspections"/>),
    /// so that the confirmation pages of many members at once cannot decode more images at a time than the uploads may.
    /// </summary>
    public async Task<byte[]> ThumbnailAsync(byte[] storedImage, int maxSide, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storedImage);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var input = new MemoryStream(storedImage, writable: false);
            using var image = Image.Load(imageConfiguration, input);
            image.Mutate(x => x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(maxSide, maxSide) }));
            using var output = new MemoryStream();
            image.Save(output, new JpegEncoder { Quality = 75 });
            return output.ToArray();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Checks the total size of all files of one request against <see cref="DocumentOptions.MaxRequestBytes"/>
    /// (call it with the sum of the <c>IFormFile.Length</c> values before inspecting them). Null when within the limit.
    /// </summary>
    public DocumentError? CheckRequestTotal(long totalBytes)
    {
        if (totalBytes <= options.MaxRequestBytes)
        {
            return null;
        }

        logger.LogInformation("Document upload refused ({Code}): {TotalBytes} bytes in one request", DocumentErrorCodes.RequestTooLarge, totalBytes);
        return DocumentErrors.RequestTooLarge(options.MaxRequestBytes);
    }

    /// <summary>The synchronous core, on bytes already read and within the size limit.</summary>
    internal DocumentCheckResult Inspect(byte[] bytes, CancellationToken cancellationToken = default)
    {
        if (bytes.Length == 0)
        {
            return Refuse(DocumentErrors.Empty(), 0);
        }

        if (bytes.LongLength > options.MaxFileBytes)
        {
            return Refuse(DocumentErrors.FileTooLarge(options.MaxFileBytes), bytes.LongLength);
        }

        if (bytes.AsSpan().StartsWith(JpegMagic))
        {
            return InspectImage(bytes, Jpeg, cancellationToken);
        }

        if (bytes.AsSpan().StartsWith(PngMagic))
        {
            return InspectImage(bytes, Png, cancellationToken);
        }

        if (bytes.AsSpan().StartsWith(PdfMagic))
        {
            return InspectPdf(bytes);
        }

        return Refuse(IsHeif(bytes) ? DocumentErrors.Heic() : DocumentErrors.UnsupportedType(), bytes.LongLength);
    }

    /// <summary>
    /// An ISO base-media file whose brand is HEIF/HEIC (iPhone photos since iOS 11): "ftyp" at offset 4, then the major
    /// brand. Only recognised, to say how to send a JPEG instead; never decoded.
    /// </summary>
    internal static bool IsHeif(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 12 || !bytes[4..8].SequenceEqual("ftyp"u8))
        {
            return false;
        }

        var brand = System.Text.Encoding.ASCII.GetString(bytes[8..12]);
        return brand is "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis" or "hevm" or "hevs" or "mif1" or "msf1";
    }

    public void Dispose() => gate.Dispose();

    private async Task<byte[]?> ReadLimitedAsync(Stream content, long declaredLength, CancellationToken cancellationToken)
    {
        // A file announced with its length (every multipart upload) is read straight into an array of that size: one
        // allocation and no copy. One byte more than announced means the announcement was false: the rest is read the
        // general way, where the limit is enforced on what actually arrives.
        if (declaredLength is > 0 && declaredLength <= options.MaxFileBytes)
        {
            var exact = new byte[declaredLength];
            var filled = await ReadFullyAsync(content, exact, cancellationToken).ConfigureAwait(false);
            if (filled < exact.Length)
            {
                return exact.AsSpan(0, filled).ToArray(); // shorter than announced: what arrived is the file
            }

            var probe = new byte[1];
            if (await content.ReadAsync(probe, cancellationToken).ConfigureAwait(false) == 0)
            {
                return exact;
            }

            return await ReadRestAsync(content, [.. exact, probe[0]], cancellationToken).ConfigureAwait(false);
        }

        return await ReadRestAsync(content, [], cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ReadFullyAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
        {
            filled += read;
        }

        return filled;
    }

    private async Task<byte[]?> ReadRestAsync(Stream content, byte[] start, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        buffer.Write(start);
        var chunk = new byte[CopyBufferSize];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > options.MaxFileBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length > options.MaxFileBytes ? null : buffer.ToArray();
    }

    private DocumentCheckResult InspectImage(byte[] bytes, string contentType, CancellationToken cancellationToken)
    {
        // The decoder never sees the upload itself: only a rewrite that keeps the pixels' chunks or segments (see
        // ImageStructure), so that no text, ICC or other metadata is ever inflated or parsed. Incomplete files fail here.
        ArraySegment<byte>? rewritten;
        long pixels;
        long decodeBytes;
        var alpha = false;
        PngHeader? pngHeader = null;
        if (contentType == Png)
        {
            rewritten = ImageStructure.RewritePng(bytes, out var png, out var bomb);
            if (bomb)
            {
                return Refuse(DocumentErrors.ImageBomb(), bytes.LongLength);
            }

            pixels = png.Pixels;
            alpha = png.HasAlpha;
            decodeBytes = pixels * (alpha ? 4 : 3);
            pngHeader = png;
        }
        else
        {
            rewritten = ImageStructure.RewriteJpeg(bytes, out var jpeg);
            pixels = jpeg.Pixels;

            // RGB pixels, a second copy when the EXIF orientation rotates them, and the 16-bit coefficients of every
            // component that a progressive JPEG keeps until its last scan.
            decodeBytes = (pixels * 3 * 2) + (jpeg.Progressive ? pixels * 2 * jpeg.Components : 0);
        }

        if (rewritten is not { } clean)
        {
            return Refuse(DocumentErrors.ImageUnreadable(), bytes.LongLength);
        }

        // Budgets from the header only: a decompression bomb is refused before a single pixel is allocated.
        if (pixels > options.MaxPixels)
        {
            return Refuse(DocumentErrors.ImageTooLarge(options.MaxPixels), bytes.LongLength);
        }

        if (decodeBytes > options.MaxDecodeBytes)
        {
            return Refuse(DocumentErrors.ImageTooDemanding(), bytes.LongLength);
        }

        // Image data that inflates to more than its scanlines: the decoder would stop early, but the file is a bomb.
        if (pngHeader is { } header)
        {
            var expected = ImageStructure.ExpectedPngDataBytes(header);
            if (ImageStructure.PngDataLength(clean, expected) > expected)
            {
                return Refuse(DocumentErrors.ImageBomb(), bytes.LongLength);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.DecodeTimeout);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        byte[] sanitised;
        try
        {
            sanitised = contentType == Jpeg ? ReencodeJpeg(clean, timeout.Token) : ReencodePng(clean, alpha, timeout.Token);

            // The timer's cancellation can lose the race with a decode that ends in between two checks: a decode that
            // overran the limit is refused all the same, so the limit holds whatever the timing.
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > options.DecodeTimeout)
            {
                throw new OperationCanceledException(timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Image decoding cancelled after {Timeout}: {UploadedBytes} bytes", options.DecodeTimeout, bytes.LongLength);
            return Refuse(DocumentErrors.ImageTooDemanding(), bytes.LongLength);
        }
        catch (InvalidMemoryOperationException)
        {
            // The allocator's limit: the header's estimate was passed after all.
            return Refuse(DocumentErrors.ImageTooDemanding(), bytes.LongLength);
        }
        catch (Exception e) when (IsDecodeFailure(e))
        {
            logger.LogInformation("Image undecodable: {ExceptionType}", e.GetType().Name);
            return Refuse(DocumentErrors.ImageUnreadable(), bytes.LongLength);
        }

        return Accept(sanitised, contentType, bytes.LongLength);
    }

    private byte[] ReencodeJpeg(ArraySegment<byte> bytes, CancellationToken cancellationToken)
    {
        using var image = Decode<Rgb24>(new JpegDecoder(), bytes, cancellationToken);
        var grey = image.Metadata.GetJpegMetadata().ColorType == JpegColorType.Luminance;
        StripMetadata(image);
        cancellationToken.ThrowIfCancellationRequested();

        // Sized for about the upload's length (a re-encoded photo comes out near it), so the stream does not grow by doubling.
        using var output = new MemoryStream(bytes.Count + (bytes.Count / 4));
        image.Save(output, new JpegEncoder
        {
            Quality = Math.Clamp(options.JpegQuality, 1, 100),
            ColorType = grey ? JpegColorType.Luminance : JpegColorType.YCbCrRatio420,
        });
        return output.ToArray();
    }

    private byte[] ReencodePng(ArraySegment<byte> bytes, bool alpha, CancellationToken cancellationToken)
    {
        // 8 bits per channel, with alpha only when the file has transparency: a 16-bit PNG is stored as 8-bit.
        using Image image = alpha
            ? (Image)Decode<Rgba32>(new PngDecoder(), bytes, cancellationToken)
            : Decode<Rgb24>(new PngDecoder(), bytes, cancellationToken);
        StripMetadata(image);
        cancellationToken.ThrowIfCancellationRequested();
        using var output = new MemoryStream(bytes.Count);
        image.Save(output, new PngEncoder
        {
            // No pHYs, gAMA, eXIf, tEXt/zTXt/iTXt chunks: only the pixels are written.
            ChunkFilter = PngChunkFilter.ExcludeAll,
            IgnoreMetadata = true,
        });
        return output.ToArray();
    }

    /// <summary>
    /// Decodes with the one decoder the magic bytes chose, handing it the timeout's token (ImageSharp checks it as it
    /// parses); the token is checked again before re-encoding, so a decode that overran is refused all the same.
    /// </summary>
    private Image<TPixel> Decode<TPixel>(IImageDecoder decoder, ArraySegment<byte> bytes, CancellationToken cancellationToken)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        using var input = new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false);
        return decoder.Decode<TPixel>(imageConfiguration, input, cancellationToken);
    }

    /// <summary>Applies the EXIF orientation to the pixels (so the photo stays upright), then drops every profile.</summary>
    private static void StripMetadata(Image image)
    {
        image.Mutate(x => x.AutoOrient());

        var metadata = image.Metadata;
        metadata.ExifProfile = null;
        metadata.XmpProfile = null;
        metadata.IccProfile = null;
        metadata.IptcProfile = null;
        metadata.GetPngMetadata().TextData.Clear();
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.XmpProfile = null;
            frame.Metadata.IccProfile = null;
            frame.Metadata.IptcProfile = null;
        }
    }

    private DocumentCheckResult InspectPdf(byte[] bytes)
    {
        var error = PdfInspector.Check(bytes, options.MaxPdfPages);
        return error is null ? Accept(bytes, Pdf, bytes.LongLength) : Refuse(error, bytes.LongLength);
    }

    private DocumentCheckResult Accept(byte[] stored, string contentType, long uploadedBytes)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(stored));
        logger.LogInformation(
            "Document accepted as {ContentType}: {UploadedBytes} bytes uploaded, {StoredBytes} bytes to store",
            contentType, uploadedBytes, stored.LongLength);
        return DocumentCheckResult.Accepted(new SanitisedDocument(stored, contentType, sha256));
    }

    private DocumentCheckResult Refuse(DocumentError error, long uploadedBytes)
    {
        logger.LogInformation("Document refused ({Code}): {UploadedBytes} bytes", error.Code, uploadedBytes);
        return DocumentCheckResult.Refused(error);
    }

    /// <summary>Whatever a decoder throws on hostile input is a refusal, not a server error; running out of memory is not.</summary>
    private static bool IsDecodeFailure(Exception e) => e is not (OutOfMemoryException or OperationCanceledException);
}
