using PrivacyDesk.Letters.Layout;

namespace PrivacyDesk.Letters.Rendering;

/// <summary>
/// Turns a letter's content into a PDF. The one seam between the letters and the PDF library (ADR 0001, 0006): another
/// engine replaces <see cref="PdfSharpLetterRenderer"/> without touching what the letters say.
/// </summary>
public interface ILetterRenderer
{
    byte[] Render(LetterDocument document);
}
