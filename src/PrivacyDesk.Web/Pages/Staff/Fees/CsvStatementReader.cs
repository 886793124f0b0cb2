using System.Globalization;
using System.Text;
using CsvHelper;
using PrivacyDesk.Domain.Fees.BankFiles;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Web.Pages.Staff.Fees;

/// <summary>
/// Reads a bank's CSV statement (Shift_JIS or UTF-8) with CsvHelper, columns as <see cref="CsvStatementOptions"/> maps
/// them. Like the Zengin reader it checks the whole file first: one bad row refuses the file, naming the row.
/// </summary>
public static class CsvStatementReader
{
    public static BankStatement Parse(byte[] content, CsvStatementOptions options)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        var text = Decode(content, options.Encoding);
        var readerOptions = CsvReaderOptions.Default with
        {
            HasHeader = options.HasHeader,
            Separator = string.IsNullOrEmpty(options.Separator) ? null : options.Separator[0],
            MalformedData = CsvMalformedDataHandling.Throw,
            IncludeValuesInExceptions = false,
        };

        var credits = new List<BankCredit>();
        var skipped = 0;
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            using var reader = CsvReader.FromText(text, readerOptions);
            var header = options.HasHeader ? reader.Headers.ToArray() : [];
            var date = Column(options.DateColumn, header, "日付", "date");
            var amount = Column(options.AmountColumn, header, "入金額", "amount");
            var payer = Column(options.PayerColumn, header, "振込依頼人", "payer");
            var sequence = string.IsNullOrWhiteSpace(options.SequenceColumn) ? (int?)null : Column(options.SequenceColumn, header, "照会番号", "sequence");

            while (reader.Read())
            {
                var row = checked((int)reader.RowNumber) + (options.HasHeader ? 1 : 0);
                var amountText = Field(reader, amount);
                if (amountText.Length == 0)
                {
                    skipped++;
                    continue;
                }

                var yen = ParseAmount(amountText) ?? throw RowFault(row, "csv.amount",
                    $"入金額「{amountText}」を金額として読めません。", $"The amount \"{amountText}\" is not a number of yen.");
                var bookedOn = ParseDate(Field(reader, date), options.DateFormats) ?? throw RowFault(row, "csv.date",
                    $"日付「{Field(reader, date)}」を読めません（{string.Join("、", options.DateFormats)} の形式に対応しています）。",
                    $"The date \"{Field(reader, date)}\" cannot be read (formats: {string.Join(", ", options.DateFormats)}).");
                var name = Field(reader, payer);
                var key = sequence is { } s ? Field(reader, s) : null;
                if (string.IsNullOrEmpty(key))
                {
                    var same = string.Create(CultureInfo.InvariantCulture, $"{bookedOn:yyyyMMdd}|{yen}|{name}");
                    var n = occurrences[same] = occurrences.GetValueOrDefault(same) + 1;

                    // No bank number: the n-th identical entry of the day is the same credit in an overlapping statement.
                    key = string.Create(CultureInfo.InvariantCulture, $"{FeeMatcher.PayerKey(name)}#{n}");
                }

                credits.Add(new BankCredit(options.Account, bookedOn, key, yen, name, row));
            }
        }
        catch (CsvFormatException ex)
        {
            throw RowFault((int)ex.RecordNumber, "csv.malformed",
                "CSV の形式が正しくありません（引用符の対応などを確認してください）。", "The CSV is malformed (check its quotes).");
        }

        return new BankStatement(BankFileFormat.Csv, credits, skipped);
    }

    private static string Decode(byte[] content, string encoding)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var wantsShiftJis = encoding.Equals("shift_jis", StringComparison.OrdinalIgnoreCase);
        var wantsUtf8 = encoding.Equals("utf-8", StringComparison.OrdinalIgnoreCase);
        var hasBom = content.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        if (!wantsShiftJis && (hasBom || System.Text.Unicode.Utf8.IsValid(content)))
        {
            return utf8.GetString(content, hasBom ? 3 : 0, content.Length - (hasBom ? 3 : 0));
        }

        if (wantsUtf8)
        {
            throw new BankFileException("csv.notUtf8", "このファイルは UTF-8 ではありません。", "The file is not UTF-8.");
        }

        var bad = ZenginFile.FirstNonShiftJisByte(content);
        if (bad >= 0)
        {
            throw new BankFileException("csv.notShiftJis",
                string.Create(CultureInfo.InvariantCulture, $"このファイルは Shift_JIS でも UTF-8 でもありません（{bad + 1}バイト目）。銀行のサイトから CSV を保存し直してください。"),
                string.Create(CultureInfo.InvariantCulture, $"The file is neither Shift_JIS nor UTF-8 (byte {bad + 1}). Download the CSV from the bank again."));
        }

        return ZenginFile.ShiftJis.GetString(content);
    }

    private static int Column(string spec, string[] header, string japanese, string english)
    {
        if (int.TryParse(spec, NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position > 0)
        {
            return position - 1;
        }

        var index = Array.FindIndex(header, h => string.Equals(h.Trim(), spec.Trim(), StringComparison.Ordinal));
        return index >= 0
            ? index
            : throw new BankFileException("csv.column",
                $"CSV に{japanese}の列「{spec}」がありません（設定 Fees:BankFiles:Csv を確認してください）。",
                $"The CSV has no {english} column \"{spec}\" (check the setting Fees:BankFiles:Csv).");
    }

    private static string Field(CsvReader reader, int index) =>
        index < reader.FieldCount ? (reader.GetString(index) ?? string.Empty).Trim() : string.Empty;

    /// <summary>「1,000」「￥1,000」「1000円」「１０００」; refuses negative amounts, fractions and anything else.</summary>
    internal static long? ParseAmount(string text)
    {
        var normalized = JapaneseText.ToHalfWidth(text).Replace(",", string.Empty, StringComparison.Ordinal)
            .Replace("¥", string.Empty, StringComparison.Ordinal).Replace("\\", string.Empty, StringComparison.Ordinal)
            .Replace("円", string.Empty, StringComparison.Ordinal).Trim();
        return long.TryParse(normalized, NumberStyles.None, CultureInfo.InvariantCulture, out var yen) && yen > 0 ? yen : null;
    }

    private static DateOnly? ParseDate(string text, string[] formats) =>
        DateOnly.TryParseExact(JapaneseText.ToHalfWidth(text).Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    private static BankFileException RowFault(int row, string code, string japanese, string english) =>
        new(code, $"{row}行目: {japanese}", $"Row {row}: {english}");
}
