using System.Text;
using UglyToad.PdfPig;

namespace PrivacyDesk.Letters.Tests;

/// <summary>The text of a PDF as a reader would copy it, with all whitespace removed (line breaks fall anywhere in Japanese).</summary>
public static class PdfText
{
    public static string Extract(byte[] pdf, out int pages)
    {
        using var document = PdfDocument.Open(pdf);
        pages = document.NumberOfPages;
        var text = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            text.Append(page.Text);
        }

        return Compact(text.ToString());
    }

    public static string Extract(byte[] pdf) => Extract(pdf, out _);

    public static string Compact(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
}
