using System.Text;
using System.Text.RegularExpressions;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Letters.Fonts;
using PrivacyDesk.Letters.Rendering;
using PrivacyDesk.Letters.Samples;

namespace PrivacyDesk.Letters.Tests;

/// <summary>
/// The letters' font subsets are built by FontSubsetEmbedder from tables parsed once per process instead of by
/// PDFsharp's save: the PDFs must come out exactly as PDFsharp alone writes them (the same font program, glyphs,
/// widths and text), apart from what differs between any two saves (dates, document ID, the random subset tag).
/// </summary>
public sealed partial class FontSubsetEmbedderTests
{
    private static readonly PdfSharpLetterFonts Fonts = new(LetterFontLocator.Locate(new LetterOptions(), AppContext.BaseDirectory));

    [Fact]
    public void The_pinned_PDFsharp_exposes_what_the_embedder_needs()
    {
        // Fails after a PDFsharp upgrade that renamed its internals: the letters would still be right (PDFsharp
        // subsets them itself) but slower; check FontSubsetEmbedder against the new version's subsetting.
        Assert.True(FontSubsetEmbedder.Available);
    }

    [Fact]
    public void Every_letter_and_blank_form_is_the_pdf_PDFsharp_writes_itself()
    {
        var own = new PdfSharpLetterRenderer(Fonts);
        var pdfSharp = new PdfSharpLetterRenderer(Fonts) { EmbedFontSubsets = false };
        Assert.True(own.EmbedFontSubsets);
        var composer = new LetterComposer(LetterSamples.Settings);
        var forms = new BlankFormComposer(LetterSamples.Settings);
        var documents = LetterKinds.All.Select(k => (k.ToString(), composer.Compose(k, LetterSamples.For(k), LetterSamples.LetterDate)))
            .Concat(Enum.GetValues<RequestFamily>().Select(f => (f.ToString(), forms.Compose(f, LetterSamples.LetterDate))))
            .Append(("power of attorney", forms.ComposePowerOfAttorney()));
        foreach (var (name, document) in documents)
        {
            var expected = pdfSharp.Render(document);
            var actual = own.Render(document);
            Assert.True(Normalise(expected) == Normalise(actual), $"{name}: the PDF differs from PDFsharp's own");
            Assert.Equal(PdfText.Extract(expected), PdfText.Extract(actual));
            Assert.Contains("/FontFile2", Encoding.Latin1.GetString(actual));
        }
    }

    [Fact]
    public void A_document_whose_subset_is_already_embedded_is_left_alone()
    {
        var pdf = new PdfSharp.Pdf.PdfDocument();
        var page = pdf.AddPage();
        using (var gfx = PdfSharp.Drawing.XGraphics.FromPdfPage(page))
        {
            gfx.DrawString("手数料のご案内", Fonts.Font(Layout.TextStyle.Title), PdfSharp.Drawing.XBrushes.Black, 50, 50);
        }

        Assert.True(FontSubsetEmbedder.EmbedAll(pdf));
        Assert.False(FontSubsetEmbedder.EmbedAll(pdf));
        using var stream = new MemoryStream();
        pdf.Save(stream);
        var text = Encoding.Latin1.GetString(stream.ToArray());
        Assert.Single(FontFile().Matches(text));
        Assert.Equal("手数料のご案内", PdfText.Extract(stream.ToArray()));
    }

    private static string Normalise(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        text = PdfDate().Replace(text, "D:date");
        text = XmpDate().Replace(text, "date");
        text = Uuid().Replace(text, "uuid");
        text = DocumentId().Replace(text, "<id><id>");
        return SubsetTag().Replace(text, "/TAG+");
    }

    [GeneratedRegex(@"D:\d{14}[+\-Z][0-9']*")]
    private static partial Regex PdfDate();

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+\-]\d\d:\d\d)")]
    private static partial Regex XmpDate();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();

    [GeneratedRegex("<[0-9A-F]{32}><[0-9A-F]{32}>")]
    private static partial Regex DocumentId();

    [GeneratedRegex("/[A-Z]{6}\\+")]
    private static partial Regex SubsetTag();

    [GeneratedRegex("/FontFile2")]
    private static partial Regex FontFile();
}
