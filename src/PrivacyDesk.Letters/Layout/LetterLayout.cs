namespace PrivacyDesk.Letters.Layout;

/// <summary>Character widths of the letter fonts at 1 pt; implementations cache them.</summary>
public interface IFontMetrics
{
    double Width(char ch, bool bold);
}

/// <summary>One line of text placed on a page; (X, Top) is the top-left corner of its line box, in points.</summary>
public readonly record struct TextOp(double X, double Top, string Text, TextStyle Style, bool InCell = false);

/// <summary>A straight rule, e.g. a table border.</summary>
public readonly record struct LineOp(double X1, double Y1, double X2, double Y2);

public sealed class LaidOutPage
{
    public List<TextOp> Texts { get; } = [];
    public List<LineOp> Lines { get; } = [];
}

/// <summary>
/// Places a <see cref="LetterDocument"/> on A4 pages: a formal Japanese business-letter layout with generous margins,
/// page breaks inside long text and tables (header rows repeated), and "1 / 2" page numbers once a letter runs long.
/// Pure arithmetic over <see cref="IFontMetrics"/>, so it is the same for any renderer.
/// </summary>
public sealed class LetterLayout(IFontMetrics metrics)
{
    public const double PageWidth = 595.28;
    public const double PageHeight = 841.89;
    public const double MarginLeft = 70.87;   // 25 mm
    public const double MarginRight = 56.69;  // 20 mm
    public const double MarginTop = 48;
    public const double MarginBottom = 62;
    public const double ContentWidth = PageWidth - MarginLeft - MarginRight;
    private const double CellPadding = 3.5;
    private const double ContentBottom = PageHeight - MarginBottom;

    public static double Size(TextStyle style) => style switch
    {
        TextStyle.Small => 9,
        TextStyle.Large => 12,
        TextStyle.Heading => 11,
        TextStyle.Title => 15,
        _ => 10.5,
    };

    public static bool IsBold(TextStyle style) => style is TextStyle.Heading or TextStyle.Title;

    public static double LineHeight(TextStyle style) => Size(style) * (style == TextStyle.Title ? 1.5 : 1.65);

    /// <summary>Lines inside a table cell sit closer than running text: the rules already separate the rows.</summary>
    public static double CellLineHeight(TextStyle style) => Size(style) * 1.4;

    public ITextMeasurer Measurer(TextStyle style) => new ScaledMeasurer(metrics, IsBold(style), Size(style));

    public IReadOnlyList<LaidOutPage> Layout(LetterDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var state = new State();
        for (var i = 0; i < document.Blocks.Count; i++)
        {
            var block = document.Blocks[i];
            switch (block)
            {
                case Paragraph p:
                    PlaceParagraph(state, p, i + 1 < document.Blocks.Count ? document.Blocks[i + 1] : null);
                    break;
                case Spacer s:
                    state.Y = Math.Min(state.Y + s.Points, ContentBottom);
                    break;
                case Table t:
                    PlaceTable(state, t);
                    break;
                case Boxed b:
                    PlaceBox(state, b);
                    break;
            }
        }

        if (state.Pages.Count > 1)
        {
            var measure = Measurer(TextStyle.Small);
            for (var n = 0; n < state.Pages.Count; n++)
            {
                var label = $"{n + 1} / {state.Pages.Count}";
                state.Pages[n].Texts.Add(new TextOp((PageWidth - measure.Width(label)) / 2, PageHeight - 40, label, TextStyle.Small));
            }
        }

        return state.Pages;
    }

    private void PlaceParagraph(State state, Paragraph p, Block? next)
    {
        var measure = Measurer(p.Style);
        var lineHeight = LineHeight(p.Style);
        var prefixWidth = p.HangingPrefix is null ? 0 : measure.Width(p.HangingPrefix);
        var width = ContentWidth - p.Indent - prefixWidth;
        var lines = LineBreaker.Break(p.Text, width, measure);
        if (p.KeepWithNext && next is not null)
        {
            // A heading such as 記 stays with at least two lines of what follows.
            state.EnsureRoom((lines.Count + 2) * lineHeight);
        }

        for (var i = 0; i < lines.Count; i++)
        {
            state.EnsureRoom(lineHeight);
            var line = lines[i];
            var x = MarginLeft + p.Indent + prefixWidth;
            if (p.Align != TextAlign.Left)
            {
                var lineWidth = measure.Width(line);
                x = p.Align == TextAlign.Right ? PageWidth - MarginRight - lineWidth : MarginLeft + (ContentWidth - lineWidth) / 2;
            }

            if (i == 0 && p.HangingPrefix is not null)
            {
                state.Page.Texts.Add(new TextOp(x - prefixWidth, state.Y, p.HangingPrefix, p.Style));
            }

            if (line.Length > 0)
            {
                state.Page.Texts.Add(new TextOp(x, state.Y, line, p.Style));
            }

            state.Y += lineHeight;
        }
    }

    private void PlaceBox(State state, Boxed box)
    {
        var measure = Measurer(box.Style);
        var lineHeight = LineHeight(box.Style);
        var lines = box.Lines.SelectMany(l => LineBreaker.Break(l, ContentWidth - 2 * CellPadding - 8, measure)).ToArray();
        var height = lines.Length * lineHeight + 2 * CellPadding;
        state.EnsureRoom(Math.Min(height, ContentBottom - MarginTop));
        var top = state.Y;
        foreach (var line in lines)
        {
            if (state.Y + lineHeight > ContentBottom - CellPadding)
            {
                CloseBox(state.Page, top, state.Y + CellPadding);
                state.NewPage();
                top = state.Y;
            }

            state.Page.Texts.Add(new TextOp(MarginLeft + CellPadding + 4, state.Y + CellPadding, line, box.Style));
            state.Y += lineHeight;
        }

        CloseBox(state.Page, top, state.Y + 2 * CellPadding);
        state.Y += 2 * CellPadding;
    }

    private static void CloseBox(LaidOutPage page, double top, double bottom)
    {
        const double left = MarginLeft;
        const double right = PageWidth - MarginRight;
        page.Lines.Add(new LineOp(left, top, right, top));
        page.Lines.Add(new LineOp(left, bottom, right, bottom));
        page.Lines.Add(new LineOp(left, top, left, bottom));
        page.Lines.Add(new LineOp(right, top, right, bottom));
    }

    private void PlaceTable(State state, Table table)
    {
        var total = table.ColumnWidths.Sum();
        var widths = table.ColumnWidths.Select(w => w / total * ContentWidth).ToArray();
        var measure = Measurer(table.Style);
        var headerMeasure = Measurer(TextStyle.Heading);
        var lineHeight = CellLineHeight(table.Style);
        IReadOnlyList<string>[]? header = table.Header is null ? null : Cells(table.Header, widths, headerMeasure);
        var headerHeight = header is null ? 0 : header.Max(c => c.Count) * CellLineHeight(TextStyle.Heading) + 2 * CellPadding;

        void DrawHeader()
        {
            if (header is not null)
            {
                DrawRow(state, header, widths, headerHeight, TextStyle.Heading, shade: true);
            }
        }

        state.EnsureRoom(headerHeight + lineHeight + 2 * CellPadding);
        DrawHeader();
        foreach (var row in table.Rows)
        {
            var cells = Cells(row, widths, measure);
            var height = Math.Max(table.MinRowHeight, cells.Max(c => c.Count) * lineHeight + 2 * CellPadding);
            if (state.Y + height <= ContentBottom)
            {
                DrawRow(state, cells, widths, height, table.Style, shade: false, labelColumn: table.FirstColumnIsLabel);
                continue;
            }

            if (height + headerHeight <= ContentBottom - MarginTop)
            {
                state.NewPage();
                DrawHeader();
                DrawRow(state, cells, widths, height, table.Style, shade: false, labelColumn: table.FirstColumnIsLabel);
                continue;
            }

            // A row taller than a page: split it line by line across pages.
            var offset = 0;
            var maxLines = cells.Max(c => c.Count);
            while (offset < maxLines)
            {
                var fit = (int)Math.Floor((ContentBottom - state.Y - 2 * CellPadding) / lineHeight);
                if (fit < 1)
                {
                    state.NewPage();
                    DrawHeader();
                    continue;
                }

                var take = Math.Min(fit, maxLines - offset);
                var start = offset;
                var part = cells.Select(c => (IReadOnlyList<string>)c.Skip(start).Take(take).ToArray()).ToArray();
                DrawRow(state, part, widths, take * lineHeight + 2 * CellPadding, table.Style, shade: false, labelColumn: table.FirstColumnIsLabel);
                offset += take;
            }
        }

        state.Y += 4;
    }

    private static IReadOnlyList<string>[] Cells(IReadOnlyList<string> row, double[] widths, ITextMeasurer measure) =>
        widths.Select((w, i) => i < row.Count ? LineBreaker.Break(row[i], w - 2 * CellPadding, measure) : []).ToArray();

    private static void DrawRow(State state, IReadOnlyList<string>[] cells, double[] widths, double height, TextStyle style, bool shade, bool labelColumn = false)
    {
        var page = state.Page;
        var top = state.Y;
        var x = MarginLeft;
        var lineHeight = CellLineHeight(style);
        page.Lines.Add(new LineOp(MarginLeft, top, MarginLeft + ContentWidth, top));
        page.Lines.Add(new LineOp(MarginLeft, top + height, MarginLeft + ContentWidth, top + height));
        page.Lines.Add(new LineOp(MarginLeft, top, MarginLeft, top + height));
        for (var c = 0; c < widths.Length; c++)
        {
            var cellStyle = labelColumn && c == 0 ? TextStyle.Small : style;
            for (var l = 0; l < cells[c].Count; l++)
            {
                if (cells[c][l].Length > 0)
                {
                    page.Texts.Add(new TextOp(x + CellPadding, top + CellPadding + l * lineHeight, cells[c][l], shade ? TextStyle.Heading : cellStyle, InCell: true));
                }
            }

            x += widths[c];
            page.Lines.Add(new LineOp(x, top, x, top + height));
        }

        state.Y = top + height;
    }

    private sealed class State
    {
        public State() => NewPage();

        public List<LaidOutPage> Pages { get; } = [];
        public LaidOutPage Page => Pages[^1];
        public double Y { get; set; }

        public void NewPage()
        {
            Pages.Add(new LaidOutPage());
            Y = MarginTop;
        }

        public void EnsureRoom(double height)
        {
            if (Y + height > ContentBottom && Y > MarginTop)
            {
                NewPage();
            }
        }
    }

    private sealed class ScaledMeasurer(IFontMetrics metrics, bool bold, double size) : ITextMeasurer
    {
        public double Width(char ch) => metrics.Width(ch, bold) * size;
    }
}
