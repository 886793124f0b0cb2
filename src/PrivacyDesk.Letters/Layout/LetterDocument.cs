namespace PrivacyDesk.Letters.Layout;

/// <summary>The type sizes of a letter. Everything else about the look is fixed by <see cref="LetterLayout"/>.</summary>
public enum TextStyle
{
    Body,
    Small,
    Large,
    Heading,
    Title,
}

public enum TextAlign
{
    Left,
    Center,
    Right,
}

/// <summary>
/// A letter or form as content, independent of the PDF library: what <see cref="ILetterRenderer"/> turns into pages.
/// </summary>
public sealed class LetterDocument(string title)
{
    /// <summary>Shown as the PDF's title (document properties); never contains personal data.</summary>
    public string Title { get; } = title;

    public List<Block> Blocks { get; } = [];

    public LetterDocument Add(Block block)
    {
        Blocks.Add(block);
        return this;
    }

    public LetterDocument Text(string text, TextStyle style = TextStyle.Body, TextAlign align = TextAlign.Left, double indent = 0) =>
        Add(new Paragraph(text, style, align, indent));

    public LetterDocument Space(double points = 10) => Add(new Spacer(points));
}

public abstract record Block;

/// <summary>Text broken into lines by <see cref="LineBreaker"/>; <paramref name="Indent"/> in points from the left margin.</summary>
public sealed record Paragraph(
    string Text,
    TextStyle Style = TextStyle.Body,
    TextAlign Align = TextAlign.Left,
    double Indent = 0,
    bool KeepWithNext = false,
    string? HangingPrefix = null) : Block;

public sealed record Spacer(double Points) : Block;

/// <summary>
/// A table with wrapping cells. Column widths are relative; the header repeats on every page the table runs onto.
/// <paramref name="MinRowHeight"/> leaves room to write by hand (blank forms).
/// </summary>
public sealed record Table(
    IReadOnlyList<double> ColumnWidths,
    IReadOnlyList<string>? Header,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    double MinRowHeight = 0,
    TextStyle Style = TextStyle.Body,
    bool FirstColumnIsLabel = false) : Block;

/// <summary>A box around text, e.g. the contact details at the end of a letter.</summary>
public sealed record Boxed(IReadOnlyList<string> Lines, TextStyle Style = TextStyle.Small) : Block;
