using System.Globalization;

namespace PrivacyDesk.Web.Pages.Staff.Dashboard;

/// <summary>One bar: its label, value and the value as shown (e.g. "¥12,000" or "15件").</summary>
public sealed record BarChartItem(string Label, long Value, string ValueText);

/// <summary>A bar with its place in the drawing, in SVG user units.</summary>
public sealed record BarGeometry(BarChartItem Item, double X, double Y, double Width, double Height, double LabelY, double ValueX)
{
    public bool IsNegative => Item.Value < 0;
}

/// <summary>
/// A horizontal bar chart laid out on the server, drawn by <c>Pages/Staff/Dashboard/_BarChart.cshtml</c> as inline SVG
/// with geometry in presentation attributes and colours from site.css classes (the CSP allows no inline style and no
/// script). Horizontal, so that long Japanese labels (書類不備による返戻中) sit at the left and stay readable. Negative values
/// (months where refunds exceed income) run left of the zero line.
/// </summary>
public sealed class BarChart
{
    public const double Width = 640;
    public const double LabelWidth = 180;
    public const double ValueWidth = 100;
    public const double RowHeight = 28;
    public const double BarHeight = 18;
    public const double Padding = 8;

    private BarChart(IReadOnlyList<BarGeometry> bars, double zeroX, double height)
    {
        Bars = bars;
        ZeroX = zeroX;
        Height = height;
    }

    public IReadOnlyList<BarGeometry> Bars { get; }

    /// <summary>Where the zero line is drawn.</summary>
    public double ZeroX { get; }

    public double Height { get; }

    public double PlotTop => Padding;

    public double PlotBottom => Height - Padding;

    public static BarChart Create(IReadOnlyList<BarChartItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var min = Math.Min(0, items.Count == 0 ? 0 : items.Min(i => i.Value));
        var max = Math.Max(0, items.Count == 0 ? 0 : items.Max(i => i.Value));
        var range = max - min == 0 ? 1d : max - min;
        var plotWidth = Width - LabelWidth - ValueWidth;
        double X(long value) => LabelWidth + ((value - min) / range * plotWidth);

        var zeroX = X(0);
        var bars = items.Select((item, index) =>
        {
            var top = Padding + (index * RowHeight);
            var left = X(Math.Min(0, item.Value));
            var right = X(Math.Max(0, item.Value));
            return new BarGeometry(item, left, top + ((RowHeight - BarHeight) / 2), right - left, BarHeight, top + (RowHeight / 2),
                Math.Max(right, zeroX) + 6);
        }).ToList();
        return new BarChart(bars, zeroX, (Padding * 2) + (Math.Max(1, items.Count) * RowHeight));
    }

    /// <summary>A coordinate for an SVG attribute: invariant culture, at most two decimals.</summary>
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
