using System.Net;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Tests.Requests;

namespace PrivacyDesk.Web.Tests.Documents;

/// <summary>
/// Decompression bombs cost little: each is refused from its headers or a bounded, counting inflate, with the Japanese
/// message, and the memory allocated while refusing it is measured (on the inspecting thread, where the old decoder
/// inflated a zTXt chunk whole: 1 GiB, then OutOfMemoryException).
/// </summary>
public sealed class DecompressionBombTests : IDisposable
{
    private const long MiB = 1024 * 1024;

    private readonly DocumentInspector inspector = Inspectors.Create();

    public void Dispose() => inspector.Dispose();

    public static TheoryData<string> PngBombs => ["zTXt", "iTXt", "iCCP", "IDAT"];

    internal static byte[] PngBomb(string chunk) => chunk switch
    {
        "zTXt" => Bombs.PngWithZtxt(),
        "iTXt" => Bombs.PngWithItxt(),
        "iCCP" => Bombs.PngWithIccp(),
        _ => Bombs.PngWithOversizedImageData(),
    };

    [Theory]
    [MemberData(nameof(PngBombs))]
    public void A_png_whose_chunk_inflates_to_a_gigabyte_is_refused_with_little_memory(string chunk)
    {
        var bomb = PngBomb(chunk);
        Assert.True(bomb.Length < 2 * MiB, $"the bomb is {bomb.Length:N0} bytes");

        var (result, allocated) = Measure(() => inspector.Inspect(bomb));

        Assert.Equal(DocumentErrorCodes.ImageBomb, result.Error?.Code);
        Assert.StartsWith("画像の中に、展開すると非常に大きくなるデータが含まれているため受け付けられません。", result.Error!.Japanese, StringComparison.Ordinal);
        Assert.True(allocated < 32 * MiB, $"{allocated:N0} bytes allocated while refusing the {chunk} bomb");
    }

    [Fact]
    public void A_png_with_small_compressed_text_and_icc_is_still_accepted_without_them()
    {
        var upload = SampleFiles.Png(40, 30);
        var withText = Bombs.PngWithSmallCompressedChunks(upload);

        var result = inspector.Inspect(withText);

        Assert.True(result.IsAccepted, result.ToString());
        Assert.False(Bytes.Contains(result.Document.Bytes, "zTXt"));
        Assert.False(Bytes.Contains(result.Document.Bytes, "iCCP"));
    }

    [Fact]
    public void A_jpeg_declaring_huge_dimensions_is_refused_before_decoding()
    {
        var bomb = SampleFiles.JpegClaiming(65_000, 65_000);

        var (result, allocated) = Measure(() => inspector.Inspect(bomb));

        Assert.Equal(DocumentErrorCodes.ImageTooLarge, result.Error?.Code);
        Assert.StartsWith("画像のサイズ（画素数）が大きすぎます。", result.Error!.Japanese, StringComparison.Ordinal);
        Assert.True(allocated < 4 * MiB, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void A_progressive_jpeg_over_the_memory_budget_is_refused_before_decoding()
    {
        // 32 megapixels is within MaxPixels (40), but progressive decoding keeps every coefficient: ~384 MB > 256 MB.
        var bomb = Bombs.ProgressiveJpegClaiming(8000, 4000);

        var (result, allocated) = Measure(() => inspector.Inspect(bomb));

        Assert.Equal(DocumentErrorCodes.ImageTooDemanding, result.Error?.Code);
        Assert.StartsWith("画像の処理に必要なメモリや時間が大きすぎるため受け付けられません。", result.Error!.Japanese, StringComparison.Ordinal);
        Assert.True(allocated < 4 * MiB, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void The_memory_budget_is_configurable_and_checked_from_the_header()
    {
        using var strict = Inspectors.Create(o => o.MaxDecodeBytes = MiB);
        var upload = SampleFiles.Jpeg(1000, 400); // 0.4 megapixels: 2.4 MB estimated for RGB and a rotated copy

        Assert.Equal(DocumentErrorCodes.ImageTooDemanding, strict.Inspect(upload).Error?.Code);
        Assert.True(inspector.Inspect(upload).IsAccepted);
    }

    [Fact]
    public void Decoding_is_cancelled_after_the_timeout_and_answered_with_a_message()
    {
        using var hasty = Inspectors.Create(o => o.DecodeTimeout = TimeSpan.FromTicks(1));
        var upload = SampleFiles.Jpeg(1600, 900);

        var result = hasty.Inspect(upload);

        Assert.Equal(DocumentErrorCodes.ImageTooDemanding, result.Error?.Code);
        Assert.True(inspector.Inspect(upload).IsAccepted, "the same image within the default timeout");
    }

    [Fact]
    public void A_jpeg_with_more_scans_than_any_encoder_writes_is_refused()
    {
        var jpeg = SampleFiles.Jpeg(64, 48);
        var scan = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);
        var end = jpeg.AsSpan().LastIndexOf([(byte)0xFF, (byte)0xD9]);
        var scanBytes = jpeg[scan..end];
        using var output = new MemoryStream();
        output.Write(jpeg, 0, scan);
        for (var i = 0; i <= 100; i++)
        {
            output.Write(scanBytes);
        }

        output.Write([0xFF, 0xD9]);

        Assert.Equal(DocumentErrorCodes.ImageUnreadable, inspector.Inspect(output.ToArray()).Error?.Code);
    }

    [Fact]
    public void A_pdf_whose_object_stream_inflates_to_a_gigabyte_is_refused_with_bounded_memory()
    {
        var bomb = Bombs.PdfWithObjectStreamBomb();
        Assert.True(bomb.Length < 2 * MiB, $"the bomb is {bomb.Length:N0} bytes");

        var (result, allocated) = Measure(() => inspector.Inspect(bomb));

        Assert.Equal(DocumentErrorCodes.PdfUnreadable, result.Error?.Code);
        Assert.StartsWith("PDFを読み取れませんでした。", result.Error!.Japanese, StringComparison.Ordinal);

        // The scanner stops inflating at its 16 MB per-stream budget (a growing buffer: about twice that allocated).
        Assert.True(allocated < 64 * MiB, $"{allocated:N0} bytes allocated");
    }

    private static (DocumentCheckResult Result, long Allocated) Measure(Func<DocumentCheckResult> inspect)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = inspect();
        return (result, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

/// <summary>
/// Bombs posted through the real member form: each answer is the form (HTTP 200) with the Japanese message, nothing is
/// stored, and the whole app allocates a bounded amount while refusing them, eight at once included. Runs alone (no
/// other test class in parallel), so that the process-wide allocation count is this test's own.
/// </summary>
[Collection(BombFormGroup.Name)]
public abstract class DecompressionBombFormTests(BoundedUploadFixture app)
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData("zTXt", "画像の中に、展開すると非常に大きくなるデータが含まれているため受け付けられません。")]
    [InlineData("iTXt", "画像の中に、展開すると非常に大きくなるデータが含まれているため受け付けられません。")]
    [InlineData("iCCP", "画像の中に、展開すると非常に大きくなるデータが含まれているため受け付けられません。")]
    [InlineData("IDAT", "画像の中に、展開すると非常に大きくなるデータが含まれているため受け付けられません。")]
    [InlineData("huge-jpeg", "画像のサイズ（画素数）が大きすぎます。")]
    [InlineData("pdf", "PDFを読み取れませんでした。")]
    public async Task A_posted_bomb_gets_the_form_back_with_the_japanese_message_and_nothing_is_stored(string kind, string message)
    {
        var upload = kind switch
        {
            "huge-jpeg" => new Upload(SampleFiles.JpegClaiming(65_000, 65_000), "licence.jpg", "image/jpeg"),
            "pdf" => new Upload(Bombs.PdfWithObjectStreamBomb(), "licence.pdf", "application/pdf"),
            _ => new Upload(DecompressionBombTests.PngBomb(kind), "licence.png", "image/png"),
        };
        var before = await DraftCountAsync();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var (response, page) = await PostAsync(app.Member("198.51.100.10"), upload);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page.QuerySelector(".pd-error-summary")?.TextContent ?? string.Empty, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("input[name=State]"));
        Assert.Equal(before, await DraftCountAsync());
        Assert.True(allocated < 128 * MiB, $"{allocated:N0} bytes allocated by the app while refusing the {kind} bomb");
    }

    [Fact]
    public async Task Eight_concurrent_bomb_posts_all_get_the_form_back_and_memory_stays_bounded()
    {
        var uploads = Enumerable.Range(0, 8)
            .Select(i => new Upload(DecompressionBombTests.PngBomb(i % 2 == 0 ? "zTXt" : "IDAT"), $"licence{i}.png", "image/png"))
            .ToList();
        var members = Enumerable.Range(0, 8).Select(i => app.Member($"198.51.100.{20 + i}")).ToList();
        var before = await DraftCountAsync();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var answers = await Task.WhenAll(members.Select((member, i) => PostAsync(member, uploads[i])));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.All(answers, answer =>
        {
            Assert.Equal(HttpStatusCode.OK, answer.Response.StatusCode);
            Assert.Contains("展開すると非常に大きくなるデータ", answer.Page.QuerySelector(".pd-error-summary")?.TextContent ?? string.Empty, StringComparison.Ordinal);
        });
        Assert.Equal(before, await DraftCountAsync());

        // Eight 1 GiB bombs: before the fix at least 8 GiB (or OutOfMemoryException); now the bodies and a bounded inflate each.
        Assert.True(allocated < 512 * MiB, $"{allocated:N0} bytes allocated by the app for eight bombs");
    }

    private static async Task<(HttpResponseMessage Response, AngleSharp.Dom.IDocument Page)> PostAsync(MemberSession member, Upload upload)
    {
        var form = await member.OpenAsync(RequestFamily.Disclosure);
        return await member.ReviewAsync(
            RequestFamily.Disclosure, form, ValidForm.Fields(RequestFamily.Disclosure, RequesterType.Principal),
            new Dictionary<string, Upload> { ["PrincipalDocument"] = upload });
    }

    private Task<int> DraftCountAsync() => app.WithAppDbAsync(db => db.UploadDrafts.CountAsync());
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BombFormGroup
{
    public const string Name = "Decompression bombs through the form (alone)";
}

public sealed class DecompressionBombFormTestsOnSqlite(SqliteBoundedUploadFixture app)
    : DecompressionBombFormTests(app), IClassFixture<SqliteBoundedUploadFixture>;

[Trait("Provider", "Postgres")]
public sealed class DecompressionBombFormTestsOnPostgres(PostgresBoundedUploadFixture app)
    : DecompressionBombFormTests(app), IClassFixture<PostgresBoundedUploadFixture>;
