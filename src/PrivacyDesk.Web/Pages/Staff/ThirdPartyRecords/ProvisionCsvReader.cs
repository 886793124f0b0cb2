using System.Globalization;
using System.Text;
using CsvHelper;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Fees.BankFiles;
using PrivacyDesk.Domain.ProvisionRecords;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Web.Pages.Staff.ThirdPartyRecords;

/// <summary>A refused file: nothing of it is stored. <see cref="Row"/> is the file's line (the header is line 1), or null.</summary>
public sealed class ProvisionImportException(string code, int? row, string japanese, string english)
    : Exception(row is null ? japanese : $"{row}行目：{japanese}")
{
    public string Code { get; } = code;
    public int? Row { get; } = row;
    public string Japanese { get; } = row is null ? japanese : $"{row}行目：{japanese}";
    public string English { get; } = row is null ? english : $"Row {row}: {english}";
}

public sealed record ProvisionCsvRow(int Row, ProvisionRecordDraft Draft);

public sealed record ProvisionCsvFile(string Encoding, IReadOnlyList<ProvisionCsvRow> Rows);

/// <summary>
/// Reads the register's CSV (UTF-8 with or without BOM, or Shift_JIS), columns named by the Japanese headers of
/// <see cref="Columns"/> in any order (docs/third-party-records.md). The whole file is checked before anything is
/// stored: the first bad row refuses the file with its line number and the reason.
/// </summary>
public static class ProvisionCsvReader
{
    /// <summary>The columns: header, whether required, and what it holds (the table of the docs says the same).</summary>
    public static readonly IReadOnlyList<(string Header, bool Required)> Columns =
    [
        ("区分", true), ("提供日", true), ("提供終了日", false), ("相手方の名称", true), ("相手方の住所", false), ("代表者の氏名", false),
        ("法人", false), ("組合員番号", false), ("本人の氏名", true), ("本人のフリガナ", true), ("本人の生年月日", false),
        ("個人データの項目", true), ("根拠", true), ("取得の経緯", false), ("契約書等", false), ("備考", false),
    ];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy/MM/dd", "yyyyMMdd", "yyyy-M-d"];

    public static ProvisionCsvFile Parse(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (text, encoding) = Decode(content);
        var options = CsvReaderOptions.Default with
        {
            HasHeader = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            IncludeValuesInExceptions = false,
        };

        var rows = new List<ProvisionCsvRow>();
        try
        {
            using var reader = CsvReader.FromText(text, options);
            var header = reader.Headers.Select(h => h.Trim()).ToArray();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (name, required) in Columns)
            {
                var at = Array.IndexOf(header, name);
                if (at < 0 && required)
                {
                    throw new ProvisionImportException("provision.column", 1,
                        $"必須の列「{name}」がありません。列の見出しは docs/third-party-records.md のとおりにしてください。",
                        $"The required column \"{name}\" is missing; name the columns as docs/third-party-records.md says.");
                }

                index[name] = at;
            }

            while (reader.Read())
            {
                var row = checked((int)reader.RowNumber) + 1;
                string Get(string column) => index[column] is var i and >= 0 && i < reader.FieldCount ? (reader.GetString(i) ?? string.Empty).Trim() : string.Empty;
                if (Columns.All(c => Get(c.Header).Length == 0))
                {
                    continue;
                }

                rows.Add(new ProvisionCsvRow(row, Draft(row, Get)));
            }
        }
        catch (CsvFormatException ex)
        {
            throw new ProvisionImportException("provision.malformed", (int)ex.RecordNumber + 1,
                "CSV の形式が正しくありません（引用符の対応などを確認してください）。", "The CSV is malformed (check its quotes).");
        }

        if (rows.Count == 0)
        {
            throw new ProvisionImportException("provision.empty", null, "取り込む記録がありません。", "The file holds no records.");
        }

        return new ProvisionCsvFile(encoding, rows);
    }

    private static ProvisionRecordDraft Draft(int row, Func<string, string> get)
    {
        var category = get("区分");
        var direction = category switch
        {
            "提供" or "第三者提供" or "提供した" => ProvisionDirection.Provided,
            "受領" or "提供を受けた" or "受取" => ProvisionDirection.Received,
            _ => ProvisionRecordRules.NotAThirdPartyProvision(category) is { } refusal
                ? throw new ProvisionImportException("provision.notProvision", row, refusal.Japanese, refusal.English)
                : throw new ProvisionImportException("provision.category", row,
                    $"区分「{category}」は読めません。「提供」（第29条の記録）または「受領」（第30条の確認記録）と書いてください。",
                    $"The category \"{category}\" is unknown: write 提供 (Art. 29) or 受領 (Art. 30)."),
        };

        var basisText = get("根拠");
        var basis = JapaneseText.ToHalfWidth(basisText) switch
        {
            "同意" or "本人の同意" => ProvisionBasis.Consent,
            "法令" or "法令に基づく" or "第27条第1項" or "例外" => ProvisionBasis.LegalException,
            "オプトアウト" or "第27条第2項" => ProvisionBasis.OptOut,
            _ => ProvisionRecordRules.NotAThirdPartyProvision(basisText) is { } refusal
                ? throw new ProvisionImportException("provision.notProvision", row, refusal.Japanese, refusal.English)
                : throw new ProvisionImportException("provision.basis", row,
                    $"根拠「{basisText}」は読めません。「同意」「法令」（第27条第1項各号）「オプトアウト」のいずれかを書いてください。",
                    $"The basis \"{basisText}\" is unknown: write 同意, 法令 or オプトアウト."),
        };

        var draft = new ProvisionRecordDraft(
            direction,
            Date(row, get("提供日"), "提供日") ?? throw new ProvisionImportException("provision.date", row, "提供日がありません。", "The date of provision is missing."),
            Date(row, get("提供終了日"), "提供終了日"),
            get("相手方の名称"),
            get("相手方の住所"),
            get("代表者の氏名"),
            Flag(row, get("法人"), "法人"),
            get("組合員番号"),
            get("本人の氏名"),
            get("本人のフリガナ"),
            Date(row, get("本人の生年月日"), "本人の生年月日"),
            get("個人データの項目"),
            basis,
            get("取得の経緯"),
            Flag(row, get("契約書等"), "契約書等"),
            get("備考"));
        try
        {
            ProvisionRecordRules.Validate(draft);
        }
        catch (DomainRuleException ex)
        {
            throw new ProvisionImportException(ex.Code, row, ex.Japanese, ex.English);
        }

        return draft;
    }

    private static DateOnly? Date(int row, string text, string column)
    {
        if (text.Length == 0)
        {
            return null;
        }

        return DateOnly.TryParseExact(JapaneseText.ToHalfWidth(text), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ProvisionImportException("provision.date", row,
                $"{column}「{text}」を日付として読めません（2026-04-01 または 2026/4/1 の形式）。",
                $"The {column} \"{text}\" is not a date (2026-04-01 or 2026/4/1).");
    }

    private static bool Flag(int row, string text, string column) => JapaneseText.ToHalfWidth(text).ToLowerInvariant() switch
    {
        "" or "いいえ" or "0" or "false" or "×" => false,
        "はい" or "1" or "true" or "○" or "〇" => true,
        _ => throw new ProvisionImportException("provision.flag", row,
            $"{column}「{text}」は「はい」か「いいえ」で書いてください。", $"Write はい or いいえ for {column}, not \"{text}\"."),
    };

    private static (string Text, string Encoding) Decode(byte[] content)
    {
        var hasBom = content.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        if (hasBom || System.Text.Unicode.Utf8.IsValid(content))
        {
            var offset = hasBom ? 3 : 0;
            return (new UTF8Encoding(false, true).GetString(content, offset, content.Length - offset), "utf-8");
        }

        try
        {
            return (ZenginFile.ShiftJis.GetString(content), "shift_jis");
        }
        catch (DecoderFallbackException)
        {
            throw new ProvisionImportException("provision.encoding", null,
                "ファイルの文字コードが UTF-8 でも Shift_JIS でもありません。", "The file is neither UTF-8 nor Shift_JIS.");
        }
    }
}
