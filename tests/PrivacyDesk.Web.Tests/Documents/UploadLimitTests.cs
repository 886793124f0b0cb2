using System.Globalization;
using PrivacyDesk.Web.Documents;

namespace PrivacyDesk.Web.Tests.Documents;

/// <summary>Per-file and per-request size limits, whatever the client announces.</summary>
public sealed class UploadLimitTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task A_file_announced_over_10_MB_is_refused_without_being_read()
    {
        using var inspector = Inspectors.Create();
        using var content = new UnreadableStream();

        var result = await inspector.InspectAsync(content, 10 * MiB + 1);

        Assert.False(result.IsAccepted);
        Assert.Equal(DocumentErrorCodes.FileTooLarge, result.Error.Code);
        Assert.Equal("ファイルサイズが上限（10MB）を超えています。", result.Error.Japanese);
        Assert.Equal("The file is larger than the limit (10 MB).", result.Error.English);
    }

    [Fact]
    public async Task A_file_larger_than_it_announced_is_refused_once_it_passes_the_limit()
    {
        using var inspector = Inspectors.Create();
        var upload = new byte[(10 * MiB) + 1];
        SampleFiles.Jpeg().CopyTo(upload, 0);

        var result = await inspector.InspectAsync(new MemoryStream(upload), declaredLength: 1_000);

        Assert.Equal(DocumentErrorCodes.FileTooLarge, result.Error?.Code);
    }

    [Fact]
    public async Task A_file_of_unknown_length_is_held_to_the_same_limit()
    {
        using var inspector = Inspectors.Create(o => o.MaxFileBytes = 1_000);
        var upload = SampleFiles.Jpeg(200, 200);
        Assert.True(upload.Length > 1_000);

        var result = await inspector.InspectAsync(new MemoryStream(upload), declaredLength: -1);

        Assert.Equal(DocumentErrorCodes.FileTooLarge, result.Error?.Code);
        Assert.Equal("ファイルサイズが上限（1KB）を超えています。", result.Error?.Japanese); // small limits read in KB
    }

    [Fact]
    public async Task A_file_exactly_at_the_limit_is_accepted()
    {
        var upload = SampleFiles.Jpeg();
        using var inspector = Inspectors.Create(o => o.MaxFileBytes = upload.Length);
        using var smaller = Inspectors.Create(o => o.MaxFileBytes = upload.Length - 1);

        Assert.True((await inspector.InspectAsync(new MemoryStream(upload), upload.Length)).IsAccepted);
        Assert.Equal(DocumentErrorCodes.FileTooLarge, (await smaller.InspectAsync(new MemoryStream(upload), upload.Length)).Error?.Code);
        Assert.Equal(DocumentErrorCodes.FileTooLarge, (await smaller.InspectAsync(new MemoryStream(upload), -1)).Error?.Code);
    }

    [Fact]
    public void The_request_total_is_limited_to_30_MB_by_default()
    {
        using var inspector = Inspectors.Create();

        Assert.Null(inspector.CheckRequestTotal(30 * MiB));
        var error = inspector.CheckRequestTotal((30 * MiB) + 1);

        Assert.NotNull(error);
        Assert.Equal(DocumentErrorCodes.RequestTooLarge, error.Code);
        Assert.Equal("添付ファイルの合計サイズが上限（30MB）を超えています。", error.Japanese);
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        using var inspector = Inspectors.Create();

        var result = await inspector.InspectAsync(new MemoryStream(), 0);

        Assert.Equal(DocumentErrorCodes.Empty, result.Error?.Code);
    }

    [Fact]
    public void Messages_follow_the_ui_culture_japanese_first()
    {
        using var inspector = Inspectors.Create(o => o.MaxRequestBytes = 15 * MiB / 2);
        var error = inspector.CheckRequestTotal(8 * MiB)!;

        Assert.Equal(error.Japanese, error.MessageFor(new CultureInfo("ja-JP")));
        Assert.Equal(error.English, error.MessageFor(new CultureInfo("en")));
        Assert.Contains("7.5MB", error.Japanese, StringComparison.Ordinal);
    }

    /// <summary>A request body that must not be touched.</summary>
    private sealed class UnreadableStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("read");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("read");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("read");
    }
}
