using System.Globalization;
using System.Text;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.ProvisionRecords;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters.Composition;

namespace PrivacyDesk.Web.Pages.Staff.Letters;

/// <summary>
/// The disclosure package for electronic delivery (issue 13 item 8): beside the PDF of a 保有個人データ開示決定通知書 or
/// 第三者提供記録開示決定通知書, the disclosed items as CSV that opens cleanly in Excel. It is stored in the letters table
/// like a letter (sealed, SHA-256 of the plain bytes, "letter.issued", retention purge), under its own kind code, so no
/// table of its own is needed. Format: UTF-8 with BOM (Excel reads UTF-8 only with it), CRLF, every cell quoted
/// (RFC 4180), a Japanese header row, ISO dates (yyyy-MM-dd: Excel and other programs read them as dates; 和暦 would
/// be text). Cells that a spreadsheet would run as a formula are neutralised with a leading apostrophe: the content is
/// typed by staff or imported from a third party's CSV, and the member opens it on their own computer.
/// </summary>
public static class DisclosureCsv
{
    /// <summary>The personal data disclosed (保有個人データの開示), one row per item line of the kind's content.</summary>
    public const string PersonalDataCode = "disclosure-decision-csv";

    /// <summary>The third-party provision records disclosed, one row per selected register record.</summary>
    public const string RecordsCode = "third-party-records-csv";

    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly string[] PersonalDataHeader = ["番号", "項目", "内容"];

    public static readonly string[] RecordsHeader =
    [
        "番号", "区分", "提供年月日", "提供終了日", "提供先・提供元の名称", "提供先・提供元の住所", "代表者の氏名",
        "組合員番号", "本人の氏名", "本人の氏名（フリガナ）", "本人の生年月日", "個人データの項目", "根拠", "提供元の取得の経緯",
    ];

    public static bool IsCsv(string kind) => kind is PersonalDataCode or RecordsCode;

    /// <summary>The title shown on the staff letters page and the member's status page; letters keep theirs.</summary>
    public static Label TitleOf(string kind) => kind switch
    {
        PersonalDataCode => new("開示する保有個人データ（CSV形式）", "Disclosed personal data (CSV)"),
        RecordsCode => new("開示する第三者提供記録（CSV形式）", "Disclosed third-party provision records (CSV)"),
        _ => LetterKinds.TitleOf(kind),
    };

    public static string MediaType(string kind) => IsCsv(kind) ? ContentType : "application/pdf";

    public static string Extension(string kind) => IsCsv(kind) ? "csv" : "pdf";

    /// <summary>
    /// The CSV kind that goes with a result letter, when the request chose electronic delivery and the decision
    /// discloses that kind (全部開示 / 一部開示); null otherwise (postal delivery sends paper only).
    /// </summary>
    public static string? For(PrivacyRequest request, LetterKind letter)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Delivery != DeliveryMethod.Electronic || request.Decision is not { } decision)
        {
            return null;
        }

        (RequestKind? kind, string? code) = letter switch
        {
            LetterKind.DisclosureDecision => ((RequestKind?)RequestKind.Disclosure, (string?)PersonalDataCode),
            LetterKind.ThirdPartyRecords => (RequestKind.ThirdPartyProvisionRecordDisclosure, RecordsCode),
            _ => (null, null),
        };
        return kind is { } k && decision.Outcomes.FirstOrDefault(o => o.Kind == k) is { } outcome
            && DecisionRules.DisclosesContent(outcome.Kind, outcome.Outcome) && outcome.Content is not null
            ? code
            : null;
    }

    /// <summary>Rows of the personal data: each non-empty line of the content, split at its first 「：」 into item and value.</summary>
    public static byte[] PersonalData(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var rows = content.Split('\n')
            .Select(line => line.TrimEnd('\r').Trim())
            .Where(line => line.Length > 0)
            .Select((line, i) =>
            {
                var colon = line.IndexOfAny(['：', ':']);
                return colon > 0
                    ? new[] { Number(i), line[..colon].Trim(), line[(colon + 1)..].Trim() }
                    : [Number(i), string.Empty, line];
            });
        return Write(PersonalDataHeader, rows);
    }

    /// <summary>Rows of the provision records: the register's fields, one record a row, by date (the staff note stays internal).</summary>
    public static byte[] Records(IEnumerable<ProvisionRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rows = records.OrderBy(r => r.ProvidedOn).ThenBy(r => r.CounterpartyName, StringComparer.Ordinal)
            .Select((r, i) => new[]
            {
                Number(i), r.Direction == ProvisionDirection.Provided ? "提供" : "受領", Date(r.ProvidedOn), Date(r.ProvidedUntil),
                r.CounterpartyName, r.CounterpartyAddress ?? string.Empty, r.CounterpartyRepresentative ?? string.Empty,
                r.MemberNumber ?? string.Empty, r.PersonName, r.PersonKana, Date(r.PersonBirthDate), r.DataItems,
                ProvisionRecordRules.BasisLabel(r.Basis).Japanese, r.Acquisition ?? string.Empty,
            });
        return Write(RecordsHeader, rows);
    }

    /// <summary>
    /// A cell as a spreadsheet may safely read it: one that starts with = + - @ (a formula, or DDE in old Excel) or with
    /// a tab or carriage return (which some programs strip before looking for the formula) gets a leading apostrophe,
    /// which Excel shows as text and does not display.
    /// </summary>
    public static string Neutralise(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;
    }

    private static byte[] Write(string[] header, IEnumerable<string[]> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(header))
        {
            text.AppendJoin(',', row.Select(cell => "\"" + Neutralise(cell).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")).Append("\r\n");
        }

        // The BOM is what makes Excel read the file as UTF-8 instead of the system's Shift_JIS.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Number(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
