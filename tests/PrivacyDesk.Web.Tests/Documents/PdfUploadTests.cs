using System.Text;
using PrivacyDesk.Web.Documents;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace PrivacyDesk.Web.Tests.Documents;

/// <summary>PDF uploads: well-formed, unencrypted, with pages, and with no scripts or automatic actions.</summary>
public sealed class PdfUploadTests : IDisposable
{
    private static readonly int Extra = SampleFiles.FirstExtraObject();

    private readonly DocumentInspector inspector = Inspectors.Create();

    public void Dispose() => inspector.Dispose();

    private Task<DocumentCheckResult> InspectAsync(byte[] pdf) => inspector.InspectAsync(new MemoryStream(pdf), pdf.Length);

    [Fact]
    public async Task A_minimal_hand_written_pdf_is_accepted_and_stored_as_uploaded()
    {
        var pdf = SampleFiles.Pdf();

        var result = await InspectAsync(pdf);

        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal("application/pdf", result.Document.ContentType);
        Assert.Equal(pdf, result.Document.Bytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), result.Document.Sha256);
    }

    [Fact]
    public async Task A_pdf_made_by_pdfpig_is_accepted()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        page.AddText("Certificate of residence (sample)", 12, new PdfPoint(50, 750), font);
        var pdf = builder.Build();

        var result = await InspectAsync(pdf);

        Assert.True(result.IsAccepted, result.ToString());
    }

    [Fact]
    public async Task A_pdf_with_an_object_stream_and_an_xref_stream_is_accepted()
    {
        var pdf = SampleFiles.PdfWithObjectStream(string.Empty, ["<< /Producer (PrivacyDesk tests) >>"]);

        var result = await InspectAsync(pdf);

        Assert.True(result.IsAccepted, result.ToString());
    }

    [Fact]
    public async Task An_open_action_that_only_shows_the_first_page_is_accepted()
    {
        var inline = SampleFiles.Pdf(catalogEntries: "/OpenAction [3 0 R /Fit] ");
        var byReference = SampleFiles.Pdf(catalogEntries: $"/OpenAction {Extra} 0 R ", extraObjects: ["[3 0 R /FitH 842]"]);

        Assert.True((await InspectAsync(inline)).IsAccepted);
        Assert.True((await InspectAsync(byReference)).IsAccepted);
    }

    [Fact]
    public async Task A_pdf_with_javascript_run_by_an_open_action_is_refused()
    {
        var pdf = SampleFiles.Pdf(
            catalogEntries: $"/OpenAction {Extra} 0 R ",
            extraObjects: ["<< /Type /Action /S /JavaScript /JS (app.alert\\('hello'\\);) >>"]);

        var result = await InspectAsync(pdf);

        Assert.False(result.IsAccepted);
        Assert.Equal(DocumentErrorCodes.PdfScript, result.Error.Code);
        Assert.Equal("PDFにスクリプトが含まれているため受け付けられません。", result.Error.Japanese);
    }

    [Fact]
    public async Task Javascript_hidden_behind_hex_escaped_names_is_refused()
    {
        var pdf = SampleFiles.Pdf(
            catalogEntries: $"/Open#41ction {Extra} 0 R ",
            extraObjects: ["<< /S /J#61vaScr#69pt /J#53 (app.alert\\(1\\)) >>"]);
        Assert.False(Bytes.Contains(pdf, "JavaScript"));

        var result = await InspectAsync(pdf);

        Assert.Equal(DocumentErrorCodes.PdfScript, result.Error?.Code);
    }

    [Fact]
    public async Task A_document_level_javascript_name_tree_is_refused()
    {
        var pdf = SampleFiles.Pdf(
            catalogEntries: $"/Names << /JavaScript {Extra} 0 R >> ",
            extraObjects: [$"<< /Names [(init) {Extra + 1} 0 R] >>", "<< /S /JavaScript /JS (this.print\\(\\)) >>"]);

        Assert.Equal(DocumentErrorCodes.PdfScript, (await InspectAsync(pdf)).Error?.Code);
    }

    [Fact]
    public async Task Javascript_compressed_inside_an_object_stream_is_refused()
    {
        var pdf = SampleFiles.PdfWithObjectStream(
            catalogEntries: $"/OpenAction {Extra} 0 R ",
            compressedObjects: ["<< /S /JavaScript /JS (app.launchURL\\('http://example.invalid'\\)) >>"]);
        Assert.False(Bytes.Contains(pdf, "JavaScript")); // only visible once inflated

        var result = await InspectAsync(pdf);

        Assert.Equal(DocumentErrorCodes.PdfScript, result.Error?.Code);
    }

    [Fact]
    public async Task An_open_action_compressed_inside_an_object_stream_is_found_by_the_parser()
    {
        // No forbidden name anywhere, so only resolving "7 0 R" inside the object stream shows it is an action.
        var pdf = SampleFiles.PdfWithObjectStream(
            catalogEntries: $"/OpenAction {Extra} 0 R ",
            compressedObjects: ["<< /S /URI /URI (http://example.invalid/) >>"]);
        Assert.False(PdfRawScanner.Scan(pdf, 1 << 20, 1 << 20).ActiveContent);

        var result = await InspectAsync(pdf);

        Assert.Equal(DocumentErrorCodes.PdfScript, result.Error?.Code);
    }

    [Fact]
    public void The_byte_scan_alone_finds_javascript_inside_an_object_stream()
    {
        var pdf = SampleFiles.PdfWithObjectStream(string.Empty, ["<< /S /JavaScript /JS (1) >>"]);
        var clean = SampleFiles.PdfWithObjectStream(string.Empty, ["<< /Producer (ok) >>"]);

        Assert.True(PdfRawScanner.Scan(pdf, 1 << 20, 1 << 20).ActiveContent);
        Assert.False(PdfRawScanner.Scan(clean, 1 << 20, 1 << 20).ActiveContent);
    }

    [Fact]
    public void An_object_stream_inflating_past_the_budget_is_refused_by_the_byte_scan()
    {
        var pdf = SampleFiles.PdfWithObjectStream(string.Empty, ["<< /Producer (" + new string('A', 200_000) + ") >>"]);

        var scan = PdfRawScanner.Scan(pdf, maxDecodedStreamBytes: 100_000, maxDecodedTotalBytes: 1 << 20);

        Assert.True(scan.TooComplex);
    }

    [Fact]
    public async Task An_open_action_that_is_an_action_dictionary_is_refused_even_without_script()
    {
        var inline = SampleFiles.Pdf(catalogEntries: "/OpenAction << /S /URI /URI (http://example.invalid/) >> ");
        var byReference = SampleFiles.Pdf(catalogEntries: $"/OpenAction {Extra} 0 R ", extraObjects: ["<< /S /URI /URI (http://example.invalid/) >>"]);

        Assert.Equal(DocumentErrorCodes.PdfScript, (await InspectAsync(inline)).Error?.Code);
        Assert.Equal(DocumentErrorCodes.PdfScript, (await InspectAsync(byReference)).Error?.Code);
    }

    [Theory]
    [InlineData("/AA << /O << /S /URI /URI (http://example.invalid/) >> >> ")]
    [InlineData("/AA << /O << /S /Launch /F (cmd.exe) >> >> ")]
    [InlineData("/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /Launch /F (calc.exe) >> >>] ")]
    [InlineData("/Annots [<< /Type /Annot /Subtype /RichMedia /Rect [0 0 10 10] >>] ")]
    [InlineData("/Annots [<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS (a.exe) >>] ")]
    public async Task Automatic_actions_launches_media_and_attachments_on_a_page_are_refused(string pageEntries)
    {
        var pdf = SampleFiles.Pdf(pageEntries: pageEntries);

        Assert.Equal(DocumentErrorCodes.PdfScript, (await InspectAsync(pdf)).Error?.Code);
    }

    [Fact]
    public async Task Embedded_files_are_refused()
    {
        var pdf = SampleFiles.Pdf(
            catalogEntries: $"/Names << /EmbeddedFiles << /Names [(payload.exe) {Extra} 0 R] >> >> ",
            extraObjects: [$"<< /Type /Filespec /F (payload.exe) /EF << /F {Extra + 1} 0 R >> >>", "<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"]);

        Assert.Equal(DocumentErrorCodes.PdfScript, (await InspectAsync(pdf)).Error?.Code);
    }

    [Fact]
    public async Task A_pdf_flagged_as_encrypted_is_refused()
    {
        const string Id = "<0123456789ABCDEF0123456789ABCDEF>";
        var pdf = SampleFiles.Pdf(
            extraObjects: [$"<< /Filter /Standard /V 1 /R 2 /O <{new string('A', 64)}> /U <{new string('B', 64)}> /P -44 >>"],
            trailerEntries: $"/Encrypt {Extra} 0 R /ID [{Id} {Id}] ");

        var result = await InspectAsync(pdf);

        Assert.False(result.IsAccepted);
        Assert.Equal(DocumentErrorCodes.PdfEncrypted, result.Error.Code);
        Assert.StartsWith("暗号化されたPDFは受け付けられません。", result.Error.Japanese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_without_pages_is_refused()
    {
        var pdf = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(SampleFiles.Pdf())
            .Replace("/Kids [3 0 R] /Count 1", "/Kids [] /Count 0", StringComparison.Ordinal)
            .Replace("/Type /Page /Parent", "/Type /Unused /Parent", StringComparison.Ordinal));

        var result = await InspectAsync(FixXref(pdf));

        Assert.False(result.IsAccepted);
        Assert.Equal(DocumentErrorCodes.PdfNoPages, result.Error.Code);
        Assert.Equal("PDFにページがありません。", result.Error.Japanese);
    }

    [Fact]
    public async Task A_pdf_with_more_pages_than_allowed_is_refused()
    {
        using var strict = Inspectors.Create(o => o.MaxPdfPages = 2);
        var pdf = SampleFiles.Pdf(pages: 3);

        Assert.True((await InspectAsync(pdf)).IsAccepted);
        var result = await strict.InspectAsync(new MemoryStream(pdf), pdf.Length);

        Assert.Equal(DocumentErrorCodes.PdfTooManyPages, result.Error?.Code);
        Assert.Equal("PDFのページ数が上限（2ページ）を超えています。", result.Error?.Japanese);
    }

    [Fact]
    public async Task A_truncated_pdf_is_refused()
    {
        var whole = SampleFiles.Pdf();

        var result = await InspectAsync(whole[..(whole.Length / 2)]);

        Assert.Equal(DocumentErrorCodes.PdfUnreadable, result.Error?.Code);
    }

    [Fact]
    public async Task Text_with_a_pdf_header_is_refused()
    {
        var fake = Encoding.ASCII.GetBytes("%PDF-1.4\nThis is not really a PDF.\n%%EOF\n");

        var result = await InspectAsync(fake);

        Assert.False(result.IsAccepted);
        Assert.Equal(DocumentErrorCodes.PdfUnreadable, result.Error.Code);
    }

    [Fact]
    public async Task A_stream_without_endstream_is_refused()
    {
        var pdf = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(SampleFiles.Pdf()).Replace("endstream", "endstrea_", StringComparison.Ordinal));

        Assert.Equal(DocumentErrorCodes.PdfUnreadable, (await InspectAsync(pdf)).Error?.Code);
    }

    [Fact]
    public void Binary_stream_data_does_not_trip_the_two_letter_names()
    {
        // "/JS" and "/AA" inside ordinary (e.g. image) stream data are chance bytes, not dictionary keys.
        var data = "xx/JS /AA yy";
        var pdf = SampleFiles.Pdf(extraObjects: [$"<< /Length {data.Length} >>\nstream\n{data}\nendstream"]);

        var scan = PdfRawScanner.Scan(pdf, 1 << 20, 1 << 20);

        Assert.False(scan.ActiveContent);
    }

    [Fact]
    public async Task A_scan_sized_pdf_with_binary_image_data_is_accepted_quickly()
    {
        // 9 MB of (seeded) random bytes standing in for a scanned page's JPEG: chance "/JS" or "/AA" bytes are ignored there.
        var image = new byte[9 * 1024 * 1024];
        new Random(20261129).NextBytes(image);
        var imageObject = $"<< /Type /XObject /Subtype /Image /Width 2480 /Height 3508 /BitsPerComponent 8 /ColorSpace /DeviceRGB " +
            $"/Filter /DCTDecode /Length {image.Length} >>\nstream\n{Encoding.Latin1.GetString(image)}\nendstream";
        var pdf = SampleFiles.Pdf(extraObjects: [imageObject], pageEntries: string.Empty);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await InspectAsync(pdf);

        Assert.True(result.IsAccepted, result.ToString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    /// <summary>Rewrites the cross-reference table after an edit that changed offsets.</summary>
    private static byte[] FixXref(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var body = text[..text.IndexOf("xref\n", StringComparison.Ordinal)];
        var offsets = new List<int>();
        for (var n = 1; ; n++)
        {
            var at = body.IndexOf($"\n{n} 0 obj\n", StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            offsets.Add(at + 1);
        }

        var xref = new StringBuilder($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            xref.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        xref.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{body.Length}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(body + xref);
    }
}
