using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PrivacyDesk.Letters.Fonts;
using PrivacyDesk.Letters.Layout;

namespace PrivacyDesk.Letters.Rendering;

/// <summary>Draws the pages that <see cref="LetterLayout"/> placed, with PDFsharp 6.2.4 and the embedded (subset) font.</summary>
public sealed class PdfSharpLetterRenderer(PdfSharpLetterFonts fonts) : ILetterRenderer
{
    private static readonly XPen RulePen = new(XColors.Black, 0.6);
    private readonly LetterLayout layout = new(fonts);

    /// <summary>
    /// Whether the font subsets are built by <see cref="FontSubsetEmbedder"/> (the same bytes, from tables parsed once)
    /// rather than by PDFsharp's save. Off only in the tests that compare the two.
    /// </summary>
    internal bool EmbedFontSubsets { get; init; } = FontSubsetEmbedder.Available;

    public byte[] Render(LetterDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var pages = layout.Layout(document);
        using var pdf = new PdfDocument();
        pdf.Info.Title = document.Title;
        pdf.Info.Creator = "PrivacyDesk";
        pdf.Options.CompressContentStreams = true;

        // Deflate at its fastest level: saving (font subset and streams) is most of a letter's cost, and the best level
        // took about three times as long for a file only a fifth smaller (docs/benchmarks/letters.md).
        pdf.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        foreach (var laidOut in pages)
        {
            var page = pdf.AddPage();
            page.Width = XUnit.FromPoint(LetterLayout.PageWidth);
            page.Height = XUnit.FromPoint(LetterLayout.PageHeight);
            using var gfx = XGraphics.FromPdfPage(page);
            foreach (var line in laidOut.Lines)
            {
                gfx.DrawLine(RulePen, line.X1, line.Y1, line.X2, line.Y2);
            }

            foreach (var text in laidOut.Texts)
            {
                // The text sits in the middle of its line box.
                var size = LetterLayout.Size(text.Style);
                var lineHeight = text.InCell ? LetterLayout.CellLineHeight(text.Style) : LetterLayout.LineHeight(text.Style);
                var top = text.Top + (lineHeight - size) / 2;
                gfx.DrawString(text.Text, fonts.Font(text.Style), XBrushes.Black, text.X, top, XStringFormats.TopLeft);
            }
        }

        if (EmbedFontSubsets)
        {
            FontSubsetEmbedder.EmbedAll(pdf);
        }

        using var stream = new MemoryStream();
        pdf.Save(stream);
        return stream.ToArray();
    }
}
