using System.Globalization;
using System.Text;

using PrivacyDesk.Web.Audit;

namespace PrivacyDesk.Web.Pages.Audit;

/// <summary>
/// CSV that Excel opens cleanly: UTF-8 with a byte-order mark (so Japanese is not read as Shift_JIS), CRLF line ends,
/// every text cell quoted with inner quotes doubled, and cells starting with = + - @ (or a tab or CR) prefixed with an
/// apostrophe so that Excel shows them as text instead of running them as formulas (CSV injection). Numbers are
/// written as numbers.
/// </summary>
public sealed class ExcelCsvWriter : IAsyncDisposable
{
    public const string ContentType = "text/csv; charset=utf-8";

    private readonly Stream stream;
    private readonly StreamWriter writer;
    private bool started;

    public ExcelCsvWriter(Stream stream)
    {
        this.stream = stream;
        writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
    }

    public async Task WriteRowAsync(params object?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (!started)
        {
            started = true;
            await stream.WriteAsync(Encoding.UTF8.Preamble.ToArray());
        }

        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                await writer.WriteAsync(',');
            }

            await writer.WriteAsync(Cell(cells[i]));
        }

        await writer.WriteAsync("\r\n");
    }

    /// <summary>One cell as written: numbers bare, everything else as protected, quoted text; null as an empty cell.</summary>
    public static string Cell(object? value) => value switch
    {
        null => string.Empty,
        int or long or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => Quote(Protect(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty)),
    };

    private static string Protect(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public async ValueTask DisposeAsync()
    {
        await writer.FlushAsync();
        await writer.DisposeAsync();
    }
}
