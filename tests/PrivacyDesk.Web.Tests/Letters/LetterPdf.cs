using UglyToad.PdfPig;

namespace PrivacyDesk.Web.Tests.Letters;

public static class LetterPdf
{
    /// <summary>The text of a PDF with all whitespace removed (Japanese lines break anywhere).</summary>
    public static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return new string(string.Concat(document.GetPages().Select(p => p.Text)).Where(c => !char.IsWhiteSpace(c)).ToArray());
    }
}
